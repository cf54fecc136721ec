export {
  startNotificationDelivery,
  type DeliveryStatus,
  type RunningDelivery,
} from './delivery-loop';
export {
  deliverDueNotifications,
  deliveryContext,
  type DeliveryContext,
  type DeliveryOptions,
  type PassResult,
} from './delivery';
export {
  hasTemplate,
  renderNotification,
  TEMPLATE_NAMES,
  TemplateError,
  type RenderedMessage,
} from './render';
export {
  createInAppSender,
  createLogSender,
  createUnconfiguredSender,
  type NotificationSender,
  type NotificationSenders,
  type OutgoingNotification,
} from './senders';
export { createEmailSender, type EmailSenderOptions } from './email-sender';
export { defaultSenders } from './default-senders';
export { PermanentDeliveryError } from './delivery-errors';
export type { Channel, Recipient, RecipientKind } from './recipients';
