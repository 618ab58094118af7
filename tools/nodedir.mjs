// Prints the directory whose include/node holds the running Node's headers (the install prefix), for
// npm_config_nodedir: native addons then build against this Node wherever it is installed (Debian's
// /usr, nvm, an official tarball, the Docker image's /usr/local), and node-gyp never downloads headers.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const prefix = path.resolve(process.execPath, '..', '..');
if (!fs.existsSync(path.join(prefix, 'include', 'node', 'node.h'))) {
  process.stderr.write(
    `nodedir: no Node headers in ${path.join(prefix, 'include', 'node')} (install the Node development headers, e.g. Debian's libnode-dev or nodejs headers)\n`,
  );
  process.exit(1);
}
process.stdout.write(`${prefix}\n`);
