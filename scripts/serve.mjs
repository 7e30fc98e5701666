// Serves the demo: dist/ (whatever the build named its files) copied to www/widget/, the
// generated pages written (www/index.html with the build's hashed wasm name and integrity
// hashes in its preload hints, www/articles/, and www/prerendered.html by the pre-renderer
// for this origin), then www/ served by http-server on 127.0.0.1.
// PORT overrides the port (default 8080).
import { cpSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDemoPages, writePrerenderedPage } from './demo.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT || '8080';

rmSync(join(root, 'www', 'widget'), { recursive: true, force: true });
cpSync(join(root, 'dist'), join(root, 'www', 'widget'), { recursive: true });
writeDemoPages();
writePrerenderedPage(`http://127.0.0.1:${port}`);

console.log(`article-widget demo: http://127.0.0.1:${port}/`);
const server = spawn(
  join(root, 'node_modules', '.bin', 'http-server'),
  [join(root, 'www'), '-a', '127.0.0.1', '-p', port, '-c-1', '--cors', '-s'],
  { stdio: 'inherit' },
);
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
