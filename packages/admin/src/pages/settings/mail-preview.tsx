// The From line and footer of a survey email with the sender being edited, worded as the server's
// email templates word them, so the legal details (sender, contact, postal address) can be checked.
import { useT } from "../../i18n/i18n.tsx";
import { mergeMessages } from "./merge-messages.ts";
import { brandMessages, settingsMessages } from "./messages.ts";

const messages = mergeMessages(settingsMessages, brandMessages);

export function MailPreview({ name, address, postal }: { name: string; address: string; postal: string }) {
  const t = useT(messages);
  // With no address set the server sends from survey@ at its own host, and the footer names no contact.
  const [before, after] = t("mail.footerUnsubscribe", { link: "\u0000" }).split("\u0000");
  const from = address || `survey@${location.hostname}`;
  return (
    <div className="mail-preview" aria-label={t("mail.title")} role="group">
      <div className="mail-preview-from">{t("preview.from", { name, address: from })}</div>
      <div className="mail-preview-footer">
        <p>{t("mail.footerSender", { sender: name })}</p>
        {address && <p>{t("mail.footerContact", { address })}</p>}
        {postal && <p className="mail-preview-postal">{t("mail.footerPostal", { address: postal })}</p>}
        <p>
          {before}
          <span className="mail-preview-link">{t("mail.unsubscribeLink")}</span>
          {after}
        </p>
      </div>
      {!postal && <p className="mail-preview-warning">{t("mail.noPostal")}</p>}
    </div>
  );
}
