export { NotificationProvider } from './NotificationProvider';
export { useNotify } from './NotificationContext';
export type { NotificationInput, NotificationKind } from './NotificationContext';
