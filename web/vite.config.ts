import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The C++ server serves dist/ at "/" and the API under /api/; in development the
// API is proxied to a running `coalign serve` (or the mock in dev/).
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { "/api": process.env.COALIGN_API ?? "http://127.0.0.1:8123" },
  },
  build: { outDir: "dist", chunkSizeWarningLimit: 2000 },
  test: { include: ["src/**/*.test.ts"] },
});
