/** Pretty JSON as plain text (never markup), in a monospace block. */
export function JsonView({ value, label }: { value: unknown; label?: string }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2) ?? String(value);
  return <pre class="json" aria-label={label}>{text}</pre>;
}
