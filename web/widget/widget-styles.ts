/**
 * The widget's styles, inside its shadow root so none leak in or out. A page restyles it with
 * the custom properties below (they inherit through the shadow boundary) or with `::part()`:
 * `container`, `image`, `status`, `button`.
 */
export const WIDGET_CSS = `
:host { display: inline-block; font: var(--qr-login-font, 14px/1.4 system-ui, sans-serif);
  color: var(--qr-login-color, #1f2328); }
.box { display: flex; flex-direction: column; align-items: center; gap: 12px;
  padding: var(--qr-login-padding, 16px); background: var(--qr-login-background, #fff);
  border-radius: var(--qr-login-radius, 12px); }
.frame { position: relative; width: var(--qr-login-size, 200px); height: var(--qr-login-size, 200px); }
.frame img, .frame canvas { width: 100%; height: 100%; display: block; }
.frame::after { content: ""; position: absolute; inset: 0; background: rgba(255, 255, 255, 0.88);
  opacity: 0; transition: opacity 0.2s; pointer-events: none; }
.box[data-state="loading"] .frame::after, .box[data-state="scanned"] .frame::after,
.box[data-state="authorized"] .frame::after, .box[data-state="cancelled"] .frame::after,
.box[data-state="expired"] .frame::after, .box[data-state="error"] .frame::after { opacity: 1; }
.avatar { position: absolute; z-index: 1; left: 50%; top: 50%; width: 64px; height: 64px;
  margin: -32px 0 0 -32px; border-radius: 50%; object-fit: cover; }
.status { margin: 0; max-width: var(--qr-login-size, 200px); text-align: center; min-height: 2.8em; }
button { font: inherit; cursor: pointer; border: 0; border-radius: 6px; padding: 6px 14px;
  color: var(--qr-login-button-color, #fff); background: var(--qr-login-accent, #1a7f37); }
button[hidden], .avatar[hidden] { display: none; }
`;
