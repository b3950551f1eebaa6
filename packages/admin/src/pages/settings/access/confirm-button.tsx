// A button whose action happens only after a yes in a modal dialog: revoking a key or deleting a user
// cannot be undone. The native <dialog> keeps focus inside it and closes on Escape.
import { useRef, type ReactNode } from "react";
import { useT } from "../../../i18n/i18n.tsx";

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
  const dialog = useRef<HTMLDialogElement>(null);
  const close = () => dialog.current?.close();
  return (
    <>
      <button
        type="button"
        className="button button-danger button-small"
        disabled={disabled}
        aria-label={ariaLabel}
        onClick={() => dialog.current?.showModal()}
      >
        {label}
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-label={question}>
        <p>{question}</p>
        <div className="row confirm-actions">
          <button type="button" className="button" onClick={close} autoFocus>
            {t("action.cancel")}
          </button>
          <button
            type="button"
            className="button button-danger-solid"
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirm}
          </button>
        </div>
      </dialog>
    </>
  );
}
