import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goBuildEnv, runGo } from '../../../local/tools/go-tools.ts';
import { daprCacheDir, DAPR_VERSION, ensureDaprBinaries } from './dapr-binaries.ts';

/** The same runtime's main, with the SMTP output binding registered beside the stable components. */
const MAIN_GO = `package main

import (
	"github.com/dapr/components-contrib/bindings/smtp"
	"github.com/dapr/dapr/cmd/daprd/app"
	bindingsLoader "github.com/dapr/dapr/pkg/components/bindings"
)

func init() {
	bindingsLoader.DefaultRegistry.RegisterOutputBinding(smtp.NewSMTP, "smtp")
}

func main() {
	app.Run()
}
`;

/**
 * daprd with Dapr's SMTP output binding (`bindings.smtp`). Dapr's release images carry every
 * component (`allcomponents`); the tests' daprd is built with `stablecomponents`, which leaves
 * the SMTP binding (alpha) out. This is the same runtime and the same binding code
 * (components-contrib), registered by a main of four lines, built in the scratch module of
 * the main build (its go.mod has dapr's replace blocks), cached beside it. For the test of the
 * mail adapter; the other sidecars keep the stable build.
 */
export function ensureDaprdWithSmtp(log: (msg: string) => void = () => undefined): string {
  ensureDaprBinaries(log);
  const dir = daprCacheDir();
  const binary = join(dir, 'daprd-smtp');
  const stamp = join(dir, '.smtp-complete');
  if (existsSync(stamp) && existsSync(binary)) return binary;
  log(`building daprd ${DAPR_VERSION} with the SMTP binding into ${binary}`);
  const src = join(dir, 'src-smtp');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  for (const file of ['go.mod', 'go.sum']) copyFileSync(join(dir, 'src', file), join(src, file));
  writeFileSync(join(src, 'main.go'), MAIN_GO);
  const ldflags = `-X github.com/dapr/dapr/pkg/buildinfo.version=${DAPR_VERSION}`;
  runGo(
    ['build', '-mod=mod', '-tags', 'stablecomponents', '-ldflags', ldflags, '-o', binary, '.'],
    src,
    log,
    goBuildEnv(),
  );
  writeFileSync(stamp, new Date().toISOString());
  return binary;
}
