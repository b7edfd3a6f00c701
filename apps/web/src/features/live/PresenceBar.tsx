import { useMe } from '../../lib/queries';
import { usePresence } from './presence';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');

/** Who else has this item open (avatars), and who is editing its description. */
export function PresenceBar({ itemId }: { itemId: string }) {
  const me = useMe().data;
  const others = usePresence('item', itemId).filter((u) => u.userId !== me?.id);
  if (others.length === 0) return null;
  const editors = others.filter((u) => u.editing);
  return (
    <div className="presence">
      <ul className="avatars" aria-label="Also here">
        {others.map((u) => (
          <li key={u.userId} className="avatar" title={`${u.name} is viewing`}>
            <span aria-hidden="true">{initials(u.name)}</span>
            <span className="visually-hidden">{u.name} is viewing</span>
          </li>
        ))}
      </ul>
      {editors.length > 0 && (
        <p className="small editing" role="status">
          {editors.map((u) => u.name).join(', ')} {editors.length === 1 ? 'is' : 'are'} editing the description
        </p>
      )}
    </div>
  );
}
