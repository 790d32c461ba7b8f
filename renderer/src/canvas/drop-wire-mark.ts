const CLASS = 'is-drop-target';

/**
 * Marks the wire a drop would go into (one at a time, null for none): a
 * class on React Flow's edge element, so a drag frame re-renders nothing.
 */
export function markDropWire(id: string | null): void {
  for (const el of document.querySelectorAll(`.react-flow__edge.${CLASS}`))
    if (el.getAttribute('data-id') !== id) el.classList.remove(CLASS);
  if (id !== null) document.querySelector(`.react-flow__edge[data-id="${CSS.escape(id)}"]`)?.classList.add(CLASS);
}
