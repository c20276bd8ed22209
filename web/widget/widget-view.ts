import { composeLogo } from "./logo-compose";
import { type QrLoginState } from "./qr-login-types";
import { WIDGET_CSS } from "./widget-styles";

/** The widget's DOM, in a shadow root on the page's element: a frame, a status line, a button. */
export class WidgetView {
  private readonly root: ShadowRoot;
  private readonly box: HTMLDivElement;
  private readonly frame: HTMLDivElement;
  private readonly avatar: HTMLImageElement;
  private readonly status: HTMLParagraphElement;
  private readonly button: HTMLButtonElement;

  constructor(
    private readonly host: HTMLElement,
    size: number | undefined,
    onButton: () => void,
    /** The language of the widget's words, so screen readers and fonts treat them as such. */
    lang: string,
  ) {
    this.root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
    this.root.replaceChildren();
    const style = document.createElement("style");
    style.textContent = WIDGET_CSS;
    this.box = element("div", "box", "container");
    this.box.lang = lang;
    if (size) {
      this.box.style.setProperty("--qr-login-size", `${size}px`);
    }
    this.frame = element("div", "frame");
    this.avatar = element("img", "avatar");
    this.avatar.alt = "";
    this.avatar.hidden = true;
    this.status = element("p", "status", "status");
    // Read out as it changes: a person who cannot see the code still learns where things are.
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.button = element("button", "", "button");
    this.button.type = "button";
    this.button.hidden = true;
    this.button.addEventListener("click", onButton);
    this.frame.append(this.avatar);
    this.box.append(this.frame, this.status, this.button);
    this.root.append(style, this.box);
  }

  setState(state: QrLoginState, text: string, buttonText?: string): void {
    this.box.dataset.state = state;
    this.box.setAttribute("aria-busy", String(state === "loading"));
    this.status.textContent = text;
    this.button.hidden = buttonText === undefined;
    this.button.textContent = buttonText ?? "";
  }

  /** Shows the code's image; with a logo URL, composed on a canvas. */
  showImage(url: string, alt: string, logoUrl: string | null): Promise<void> {
    this.avatar.hidden = true;
    for (const old of this.frame.querySelectorAll("[part=image]")) {
      old.remove();
    }
    if (logoUrl) {
      const canvas = element("canvas", "", "image");
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", alt);
      this.frame.prepend(canvas);
      return composeLogo(canvas, url, logoUrl).catch(() => this.showImage(url, alt, null));
    }
    const image = element("img", "", "image");
    image.alt = alt;
    image.src = url;
    this.frame.prepend(image);
    return Promise.resolve();
  }

  showAvatar(photo: string | null | undefined): void {
    this.avatar.hidden = !photo;
    if (photo) {
      this.avatar.src = photo;
    }
  }

  destroy(): void {
    this.root.replaceChildren();
    delete this.host.dataset.state;
  }
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  part?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (part) {
    node.setAttribute("part", part);
  }
  return node;
}
