import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  NotificationContext,
  type Notification,
  type NotificationApi,
  type NotificationInput,
} from './NotificationContext';

const MAX_VISIBLE = 4;
/** Errors stay until dismissed; good news goes away by itself. */
const AUTO_DISMISS_MS: Record<Notification['kind'], number | null> = {
  error: null,
  info: 8000,
  success: 5000,
};

export function NotificationProvider({ children }: { children: ReactNode }) {
  const [notifications, setNotifications] = useState<Notification[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setNotifications((current) => current.filter((n) => n.id !== id));
  }, []);

  const notify = useCallback((input: NotificationInput) => {
    const id = nextId.current++;
    setNotifications((current) => {
      const others = input.key ? current.filter((n) => n.key !== input.key) : current;
      return [...others, { ...input, id }].slice(-MAX_VISIBLE);
    });
  }, []);

  const api = useMemo<NotificationApi>(() => ({ notify, dismiss }), [notify, dismiss]);

  return (
    <NotificationContext.Provider value={api}>
      {children}
      <div className="toasts" aria-label="Notifications">
        {notifications.map((n) => (
          <Toast key={n.id} notification={n} onDismiss={dismiss} />
        ))}
      </div>
    </NotificationContext.Provider>
  );
}

function Toast({
  notification,
  onDismiss,
}: {
  notification: Notification;
  onDismiss: (id: number) => void;
}) {
  const { id, kind, title, message } = notification;
  useEffect(() => {
    const delay = AUTO_DISMISS_MS[kind];
    if (delay === null) return;
    const timer = window.setTimeout(() => onDismiss(id), delay);
    return () => window.clearTimeout(timer);
  }, [id, kind, onDismiss]);

  return (
    <div className={`toast toast--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="toast__body">
        <p className="toast__title">{title}</p>
        {message && <p className="toast__message">{message}</p>}
      </div>
      <button
        type="button"
        className="toast__close"
        onClick={() => onDismiss(id)}
        aria-label={`Dismiss: ${title}`}
      >
        ×
      </button>
    </div>
  );
}
