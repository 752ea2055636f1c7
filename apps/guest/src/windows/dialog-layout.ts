import type { ButtonOptions, FieldOptions, FontRole, Win32Control, Win32Window } from '@fernhilfe/windows';

/** Space around the content and between blocks, in device-independent pixels. */
const MARGIN = 16;
const GAP = 10;
const ROW_HEIGHT = 24;
const BUTTON_HEIGHT = 28;
const LABEL_WIDTH = 120;

/** One button of a {@link DialogLayout.buttons} row. */
export type ButtonSpec = Pick<ButtonOptions, 'text' | 'isDefault' | 'isCancel' | 'onClick'> & { width: number };

/**
 * Stacks controls top to bottom in a dialog window: wrapped texts measured in the window's
 * font, label/field rows, and a right-aligned button row; {@link DialogLayout.finish} sizes
 * the window to fit and shows it.
 */
export class DialogLayout {
  readonly #window: Win32Window;
  readonly #width: number;
  #y = MARGIN;

  /**
   * @param window - an open window without controls
   * @param width - its client width in device-independent pixels
   */
  constructor(window: Win32Window, width: number) {
    this.#window = window;
    this.#width = width;
  }

  /** Adds wrapped text across the whole width. */
  text(text: string, font: FontRole = 'normal', centered = false): Win32Control {
    const width = this.#width - 2 * MARGIN;
    const height = this.#window.measureText(text, width, font);
    const control = this.#window.addText({ x: MARGIN, y: this.#y, width, height, text, font, centered });
    this.#y += height + GAP;
    return control;
  }

  /** Adds a label and a field on one row. */
  field(label: string, options: Omit<FieldOptions, 'x' | 'y' | 'height'>): Win32Control {
    const labelY = this.#y + 4;
    this.#window.addText({ x: MARGIN, y: labelY, width: LABEL_WIDTH - 8, height: ROW_HEIGHT - 4, text: label });
    const control = this.#window.addField({ ...options, x: MARGIN + LABEL_WIDTH, y: this.#y, height: ROW_HEIGHT });
    this.#y += ROW_HEIGHT + GAP;
    return control;
  }

  /** Adds vertical space. */
  space(height: number): void {
    this.#y += height;
  }

  /** Adds a row of buttons, aligned right, in the given order. */
  buttons(specs: readonly ButtonSpec[]): Win32Control[] {
    this.#y += GAP / 2;
    let x = this.#width - MARGIN - specs.reduce((sum, spec) => sum + spec.width, 0) - GAP * (specs.length - 1);
    const controls = specs.map((spec) => {
      const control = this.#window.addButton({ ...spec, x, y: this.#y, height: BUTTON_HEIGHT });
      x += spec.width + GAP;
      return control;
    });
    this.#y += BUTTON_HEIGHT + GAP;
    return controls;
  }

  /** Sizes the window to its content and shows it. */
  finish(): void {
    this.#window.setClientSize(this.#width, this.#y - GAP + MARGIN);
    this.#window.show();
  }
}
