/**
 * @packageDocumentation
 * `@fernhilfe/desktop`: share a desktop in a support call. The {@link Desktop} contract a
 * platform layer implements (`@fernhilfe/x11`, `@fernhilfe/windows`), and the
 * {@link CustomerUi} contract a guest's dialogs implement.
 */

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
