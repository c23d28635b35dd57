import { useState } from 'react';
import { BellIcon } from '../app/icons.js';
import { notificationsSupported } from './browser-notifier.js';

/**
 * "Turn on notifications" in the top bar until the user has answered the browser's prompt
 * once; after that the browser's choice stands (changed in its site settings).
 */
export function NotificationsToggle() {
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(() =>
    notificationsSupported() ? Notification.permission : 'unsupported',
  );
  if (permission !== 'default') return null;
  return (
    <button
      type="button"
      className="ghost small"
      title="Get a notification for @mentions and answers while this tab is in the background"
      onClick={() => void Notification.requestPermission().then(setPermission)}
    >
      <BellIcon /> <span className="icon-label">Turn on notifications</span>
    </button>
  );
}
