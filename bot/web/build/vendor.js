// Copy the browser build of socket.io-client into the web app's static folder, so the
// widget is served by the web app itself and nothing is fetched from a CDN at run time.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..", "..", "..");
const source = path.join(root, "node_modules", "socket.io-client", "dist");
const target = path.join(root, "bot", "web", "static", "vendor");
fs.mkdirSync(target, { recursive: true });
for (const name of ["socket.io.min.js", "socket.io.min.js.map"]) {
  fs.copyFileSync(path.join(source, name), path.join(target, name));
}
const version = require(path.join(root, "node_modules", "socket.io-client", "package.json")).version;
fs.writeFileSync(path.join(target, "VERSION"), `socket.io-client ${version}\n`);
console.log(`socket.io-client ${version} -> bot/web/static/vendor/`);
