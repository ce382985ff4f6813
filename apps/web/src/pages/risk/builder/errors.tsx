/** Server validation messages placed on the builder row they concern (see `placeErrors`). */
import { Typography } from 'antd'
import { createContext, type ReactNode, useContext } from 'react'
import { type Path, pathKey } from './model'

const BuilderErrors = createContext<Map<string, string[]>>(new Map())

export function BuilderErrorsProvider({ errors, children }: { errors: Map<string, string[]>; children: ReactNode }) {
  return <BuilderErrors.Provider value={errors}>{children}</BuilderErrors.Provider>
}

export function useErrorsAt(path: Path): string[] {
  return useContext(BuilderErrors).get(pathKey(path)) ?? []
}

/** `status` for an antd input whose own path has a message. */
export function useStatusAt(path: Path): 'error' | undefined {
  return useErrorsAt(path).length ? 'error' : undefined
}

export function ErrorsAt({ paths }: { paths: Path[] }) {
  const all = useContext(BuilderErrors)
  const messages = paths.flatMap((path) => all.get(pathKey(path)) ?? [])
  if (!messages.length) return null
  return (
    <div data-testid="builder-field-error" data-path={pathKey(paths[0] ?? [])}>
      {[...new Set(messages)].map((message) => (
        <Typography.Text key={message} type="danger" style={{ display: 'block', fontSize: 12 }}>
          {message}
        </Typography.Text>
      ))}
    </div>
  )
}
