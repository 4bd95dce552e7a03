import { createContext, useContext } from 'react';

export type NotificationKind = 'error' | 'success' | 'info';

export interface NotificationInput {
  kind: NotificationKind;
  title: string;
  message?: string;
  /** A notification with the same key replaces the earlier one instead of stacking. */
  key?: string;
}

export interface Notification extends NotificationInput {
  id: number;
}

export interface NotificationApi {
  notify(notification: NotificationInput): void;
  dismiss(id: number): void;
}

export const NotificationContext = createContext<NotificationApi | null>(null);

export function useNotify(): NotificationApi['notify'] {
  const api = useContext(NotificationContext);
  if (!api) throw new Error('useNotify must be used inside <NotificationProvider>');
  return api.notify;
}
