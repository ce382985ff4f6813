import { createTestPlatform } from './test/harness.ts'

const t0 = Date.now()
const p = await createTestPlatform()
await p.close()
console.log('template ready', Date.now() - t0)
