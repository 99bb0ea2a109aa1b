import { defineConfig, devices } from "@playwright/test";
import * as path from "node:path";
import * as fs from "node:fs";
import * as os from "node:os";

// The server under test: the binary cargo-leptos built, on its own port, with a fresh SQLite
// database and the demo accounts.
const port = Number(process.env.PARVIS_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// Made once by the main process and passed to the workers (which load this file again), so
// a spec can read the server's mail outbox (`${PARVIS_E2E_DATA_DIR}/outbox/*.eml`).
const dataDir = process.env.PARVIS_E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "parvis-e2e-"));
process.env.PARVIS_E2E_DATA_DIR = dataDir;
const root = path.resolve(__dirname, "..");

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // One retry on these shared 2-core machines; a test that needed it is reported as flaky.
  retries: 1,
  reporter: [["list"]],
  use: { baseURL, launchOptions: chromium, trace: "off" },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
    { name: "phone", use: { ...devices["Pixel 7"], launchOptions: chromium } },
  ],
  webServer: {
    command: process.env.PARVIS_BIN ?? path.join(root, "target/debug/parvis"),
    cwd: root,
    url: `${baseURL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PARVIS_SERVER__ADDRESS: `127.0.0.1:${port}`,
      PARVIS_SERVER__PUBLIC_URL: baseURL,
      PARVIS_SERVER__DATA_DIR: dataDir,
      PARVIS_DATABASE__URL: `sqlite://${dataDir}/parvis.db`,
      PARVIS_DEMO__ENABLED: "true",
      RUST_LOG: "info,sqlx=warn",
    },
  },
});
