// A question before an action that cannot be taken back, in a native modal <dialog>: it traps focus,
// closes on Escape and returns focus to the button that opened it. The caller gives every word.
import { useEffect, useId, useRef } from "react";
import "./confirm-dialog.css";

export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  cancelLabel,
  danger = false,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  body?: string;
  confirmLabel: string;
  cancelLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="confirm-dialog" onClose={onClose} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {body && <p>{body}</p>}
      <div className="confirm-dialog-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={`button ${danger ? "button-danger-solid" : "button-primary"}`}
          onClick={() => {
            onConfirm();
            onClose();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
