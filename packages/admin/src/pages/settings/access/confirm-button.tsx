// A button whose action happens only after a yes in the confirm dialog: revoking a key or deleting a user
// cannot be undone.
import { useState, type ReactNode } from "react";
import { useT } from "../../../i18n/i18n.tsx";
import { ConfirmDialog } from "../../../ui/confirm-dialog.tsx";

export function ConfirmButton({
  label,
  question,
  confirm,
  onConfirm,
  disabled,
  ariaLabel,
}: {
  label: ReactNode;
  question: string;
  confirm: string;
  onConfirm: () => void;
  disabled?: boolean;
  ariaLabel?: string;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button-danger button-small"
        disabled={disabled}
        aria-label={ariaLabel}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      <ConfirmDialog
        open={open}
        title={question}
        confirmLabel={confirm}
        cancelLabel={t("action.cancel")}
        danger
        onConfirm={onConfirm}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
