import { PNG } from 'pngjs';
import { decodePng } from '../../src/testr/engine/png.js';

describe('PNG decoding', () => {
  it.each([
    ['RGBA', 6],
    ['RGB', 2],
  ])('decodes %s images exactly like pngjs, whatever filter rows use', (_name, colorType) => {
    const image = new PNG({ width: 37, height: 23, colorType: colorType as 2 | 6, inputHasAlpha: true });
    for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 31 + (i >> 7) * 17) % 256;
    if (colorType === 2) for (let i = 3; i < image.data.length; i += 4) image.data[i] = 255;
    for (const filterType of [0, 1, 2, 3, 4, -1]) {
      const png = PNG.sync.write(image, { colorType: colorType as 2 | 6, filterType });
      const decoded = decodePng(png);
      expect([decoded.width, decoded.height]).toEqual([37, 23]);
      expect(Buffer.from(decoded.data).equals(PNG.sync.read(png).data)).toBe(true);
    }
  });
});
