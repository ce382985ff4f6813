// Stops the server that global-setup.ts started and removes its DATA_DIR.
import { stopServer } from './server-process.ts'

export default async function globalTeardown(): Promise<void> {
  await stopServer()
}
