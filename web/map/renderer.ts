// Whether WebGL runs in software (SwiftShader, llvmpipe: command-centre PCs in VMs, headless test
// browsers). There every multisampled pixel is paid for on the CPU, so antialiasing is turned off.

let cached: boolean | undefined;

/** True when the browser's WebGL renderer is a software rasteriser. */
export function isSoftwareRenderer(): boolean {
  if (cached !== undefined) return cached;
  cached = false;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      cached = /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    // No WebGL to ask: the map will say so itself.
  }
  return cached;
}
