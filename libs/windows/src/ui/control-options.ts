import { WindowsError, WindowsErrorCode } from '../errors';
import type { FontRole } from './ui-fonts';
import type { ControlBounds } from './win32-control';

/** A STATIC text. */
export interface TextOptions extends ControlBounds {
  text: string;
  /** @defaultValue `'normal'` */
  font?: FontRole;
  /** @defaultValue false */
  centered?: boolean;
}

/** A single-line EDIT field. */
export interface FieldOptions extends ControlBounds {
  /** @defaultValue `''` */
  text?: string;
  /** Shows dots instead of the characters (`ES_PASSWORD`). @defaultValue false */
  password?: boolean;
  /** Accepts digits only (`ES_NUMBER`). @defaultValue false */
  digitsOnly?: boolean;
  /** At most this many characters (`EM_LIMITTEXT`). @defaultValue 256 */
  maxLength?: number;
  /** @defaultValue `'normal'` */
  font?: FontRole;
  /** @defaultValue false */
  centered?: boolean;
}

/** A push BUTTON. */
export interface ButtonOptions extends ControlBounds {
  text: string;
  /** Pressed by Enter (`BS_DEFPUSHBUTTON`); one per window. @defaultValue false */
  isDefault?: boolean;
  /** Pressed by Escape; one per window. @defaultValue false */
  isCancel?: boolean;
  /** Called (after the current message) when the button is pressed. */
  onClick: () => void;
}

/**
 * Throws unless the bounds are finite with a non-negative size.
 *
 * @param bounds - position and size in device-independent pixels
 * @throws WindowsError `WINDOWS_UI_INVALID_ARGUMENT`
 */
export function checkBounds(bounds: ControlBounds): void {
  const values = [bounds.x, bounds.y, bounds.width, bounds.height];
  if (!values.every((value) => Number.isFinite(value)) || bounds.width < 0 || bounds.height < 0) {
    throw new WindowsError(WindowsErrorCode.UI_INVALID_ARGUMENT, `invalid control bounds ${JSON.stringify(bounds)}`);
  }
}
