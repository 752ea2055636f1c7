import type { ProxyAuthRequest, ProxyCredentials } from '@fernhilfe/transport';
import type { DialogTexts } from './dialog-text';
import type { QuestionBuilder } from './dialog-window';

/** Width of the proxy login in device-independent pixels. */
export const PROXY_PAGE_WIDTH = 420;

/**
 * The proxy login: which proxy asks (and whether the last attempt failed), user name,
 * password (hidden), **OK** / **Abbrechen**. The password is read from the field only when OK
 * is pressed, handed over, and kept nowhere.
 *
 * @param texts - the language's texts
 * @param request - the proxy and the attempt
 * @returns the builder; it answers with the credentials, or `null` for Cancel
 */
export function proxyPage(texts: DialogTexts, request: ProxyAuthRequest): QuestionBuilder<ProxyCredentials | null> {
  return (layout, answer) => {
    layout.text(texts.proxyAsks(request.proxy, request.attempt), 'bold');
    const user = layout.field(texts.proxyUser, { width: 260 });
    const password = layout.field(texts.proxyPassword, { width: 260, password: true });
    layout.text(texts.proxyNotStored);
    const submit = () => {
      const username = user.readText();
      if (username === '') {
        user.focus();
        return;
      }
      answer({ username, password: password.readText() });
    };
    layout.buttons([
      { text: texts.ok, width: 90, isDefault: true, onClick: submit },
      { text: texts.cancel, width: 90, isCancel: true, onClick: () => answer(null) },
    ]);
    queueMicrotask(() => user.focus());
  };
}
