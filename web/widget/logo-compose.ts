/** Share of the code's side that WeChat leaves free in the middle of a mini program code. */
const LOGO_SHARE = 0.44;

/**
 * Draws a mini program code with the connection's logo on its centre, on the client, as
 * WeChat's `customLogoUrl` is meant to be used (rather than merging on the server). The
 * canvas is only shown, never read, so a logo from another origin needs no CORS.
 */
export async function composeLogo(
  canvas: HTMLCanvasElement,
  codeUrl: string,
  logoUrl: string,
): Promise<void> {
  const [code, logo] = await Promise.all([loadImage(codeUrl), loadImage(logoUrl)]);
  const side = code.naturalWidth || 430;
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext("2d");
  if (!context) {
    throw new Error("no 2D canvas");
  }
  context.drawImage(code, 0, 0, side, side);
  const diameter = side * LOGO_SHARE;
  const offset = (side - diameter) / 2;
  context.save();
  context.beginPath();
  context.arc(side / 2, side / 2, diameter / 2, 0, Math.PI * 2);
  context.clip();
  context.drawImage(logo, offset, offset, diameter, diameter);
  context.restore();
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(`cannot load ${url}`));
    image.src = url;
  });
}
