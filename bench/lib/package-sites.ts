/**
 * Sites this project did not write, served locally from installed packages, for the explorer
 * bench and its fast test: TodoMVC's apps (the `todomvc` package, one folder per framework) and
 * Swagger UI (`swagger-ui-dist`) showing an OpenAPI document of ours. Static files only, no
 * network: a plain node:http server on 127.0.0.1 that refuses paths outside the package.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface PackageSite {
  /** Ends with '/'. */
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.jsx': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** The installed package's folder (throws a clear error when it is not installed). */
export function packageDir(name: string): string {
  try {
    return path.dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  } catch {
    throw new Error(`The package ${name} is not installed (it is a devDependency: run npm install).`);
  }
}

/** Serves `root`; `overrides` replace (or add) files by URL path. */
export async function serveFolder(root: string, overrides: Record<string, string> = {}): Promise<PackageSite> {
  const server = createServer((req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      const override = overrides[pathname];
      if (override !== undefined) return res.writeHead(200, { 'content-type': type }).end(override);
      if (!file.startsWith(root + path.sep)) return res.writeHead(403).end();
      // A folder without its trailing slash: where its relative links resolve, as static servers do.
      const isFolder = await stat(file).then((s) => s.isDirectory(), () => false);
      if (isFolder) return res.writeHead(301, { location: `${pathname}/` }).end();
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': type }).end(body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** TodoMVC: every app under /examples/<framework>/. */
export function serveTodoMvc(): Promise<PackageSite> {
  return serveFolder(packageDir('todomvc'));
}

/** A small OpenAPI document of ours for Swagger UI to show (its public petstore is remote). */
export const BOOKSHOP_API = {
  openapi: '3.0.3',
  info: { title: 'Bookshop API', version: '1.0.0', description: 'Books and authors of a small shop.' },
  tags: [
    { name: 'books', description: 'Everything about books' },
    { name: 'authors', description: 'The people who write them' },
  ],
  paths: {
    '/books': {
      get: { tags: ['books'], summary: 'List books', operationId: 'listBooks', parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }], responses: { '200': { description: 'The books', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Book' } } } } } } },
      post: { tags: ['books'], summary: 'Add a new book', operationId: 'addBook', requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Book' } } } }, responses: { '201': { description: 'Added' } } },
    },
    '/books/{bookId}': {
      get: { tags: ['books'], summary: 'Find book by ID', operationId: 'getBook', parameters: [{ name: 'bookId', in: 'path', required: true, schema: { type: 'integer' } }], responses: { '200': { description: 'The book', content: { 'application/json': { schema: { $ref: '#/components/schemas/Book' } } } }, '404': { description: 'No such book' } } },
    },
    '/authors': {
      get: { tags: ['authors'], summary: 'List authors', operationId: 'listAuthors', responses: { '200': { description: 'The authors', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Author' } } } } } } },
    },
  },
  components: {
    schemas: {
      Book: { type: 'object', properties: { id: { type: 'integer' }, title: { type: 'string' }, authorId: { type: 'integer' } } },
      Author: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    },
  },
};

/** Swagger UI from swagger-ui-dist, configured to show BOOKSHOP_API (served beside it). */
export function serveSwaggerUi(): Promise<PackageSite> {
  const initializer = `window.onload = function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });
};`;
  return serveFolder(packageDir('swagger-ui-dist'), { '/swagger-initializer.js': initializer, '/openapi.json': JSON.stringify(BOOKSHOP_API) });
}
