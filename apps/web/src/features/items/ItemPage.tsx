import { Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { rememberWorkspace } from '../../lib/queries';
import { itemRoute } from '../../routes/router';
import { ItemDetail, useItem } from './ItemDetail';

/** `/items/:key`: the shareable page of one item. */
export function ItemPage() {
  const { key } = itemRoute.useParams();
  const item = useItem(key).data;
  useEffect(() => {
    if (item) rememberWorkspace(item.workspaceId);
  }, [item]);
  return (
    <div className="item-page">
      {item && (
        <Link to="/w/$workspaceId/s/$spaceId" params={{ workspaceId: item.workspaceId, spaceId: item.spaceId }} search={{ view: 'board', item: item.key }} className="small">
          ← Back to the space
        </Link>
      )}
      <ItemDetail itemKey={key} headingLevel="h1" />
    </div>
  );
}
