import { useEffect, useState } from 'react'

/** Seconds left until the "send code" button may be pressed again. */
export function useCountdown() {
  const [seconds, setSeconds] = useState(0)
  useEffect(() => {
    if (seconds <= 0) return
    const timer = setTimeout(() => setSeconds((left) => left - 1), 1000)
    return () => clearTimeout(timer)
  }, [seconds])
  return { seconds, start: (from: number) => setSeconds(Math.max(0, Math.ceil(from))) }
}
