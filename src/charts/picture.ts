/** An SVG drawing as the content of an MCP image block (server side). */
export const svgPicture = (svg: string) => ({ mimeType: 'image/svg+xml', data: Buffer.from(svg, 'utf8').toString('base64') });
