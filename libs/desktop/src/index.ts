/**
 * @packageDocumentation
 * `@fernhilfe/desktop`: share a desktop in a support call. The {@link Desktop} contract a
 * platform layer implements (`@fernhilfe/x11`, `@fernhilfe/windows`); the session that streams
 * it into a call and applies the agent's admitted input ({@link startDesktopSession}); and the
 * customer flow from number to end ({@link createCustomerFlow}) behind the {@link CustomerUi}
 * contract a guest's dialogs implement.
 *
 * @example
 * ```ts
 * import { startDesktopSession } from '@fernhilfe/desktop';
 * import { createGuestClient } from '@fernhilfe/transport';
 * import { openX11Desktop } from '@fernhilfe/x11';
 *
 * const desktop = await openX11Desktop({ display: ':0' });
 * const channel = await createGuestClient({ url: 'wss://support.example/relay', number: '1234 5678' });
 * const session = startDesktopSession({ channel, desktop });
 * session.on('security-code', async (code) => ((await customerSaysYes(code)) ? session.confirm() : session.refuse()));
 * session.on('control-requested', async () => session.answerControlRequest(await customerSaysYes()));
 * const { reason } = await session.ended;
 * await desktop.close();
 * ```
 */

export {
  type CustomerFlow,
  type CustomerFlowOptions,
  createCustomerFlow,
  type GuestConnectOptions,
} from './customer-flow';
export type {
  ConsentOffer,
  CustomerUi,
  JoinProblem,
  NumberNotice,
  NumberProblem,
  ProgressStep,
  SharingCommand,
  SharingStatus,
} from './customer-ui';
export { type DecisionReports, reportDecisions } from './decision-reports';
export type {
  CapturedFrame,
  CursorImage,
  Desktop,
  DesktopFeatures,
  DesktopKeyboard,
  DesktopPointer,
  FrameHints,
  InputBlockedReason,
  KeyPress,
  PointerButtonName,
  PointerPosition,
  Rect,
  ScreenFrame,
} from './desktop';
export {
  type DesktopSession,
  type DesktopSessionOptions,
  type GuestEndReason,
  startDesktopSession,
} from './desktop-session';
export { DesktopError, DesktopErrorCode } from './errors';
export type { FrameCost } from './frame-pump';
export { joinProblem, numberProblem } from './problems';
