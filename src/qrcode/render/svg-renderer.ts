import { type QRMatrix, QUIET_ZONE_MODULES } from "./qr-matrix";

/**
 * An SVG with one path of horizontal runs, in module units, scaled by the viewBox; crisp at any
 * size and a few kilobytes.
 */
export function renderSvg(matrix: QRMatrix, pixels: number): string {
  const modulesWide = matrix.size + 2 * QUIET_ZONE_MODULES;
  const path: string[] = [];
  for (let y = 0; y < matrix.size; y++) {
    let x = 0;
    while (x < matrix.size) {
      if (!matrix.modules[y * matrix.size + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < matrix.size && matrix.modules[y * matrix.size + x]) {
        x++;
      }
      path.push(
        `M${start + QUIET_ZONE_MODULES} ${y + QUIET_ZONE_MODULES}h${x - start}v1h${start - x}z`,
      );
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${pixels}" height="${pixels}" ` +
    `viewBox="0 0 ${modulesWide} ${modulesWide}" shape-rendering="crispEdges">` +
    `<rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="${path.join("")}"/></svg>`
  );
}
