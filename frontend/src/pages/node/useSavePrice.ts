import { useCallback, useState } from 'react';
import { describeError, updateNode, type Node } from '../../api';
import { useNotify } from '../../notifications';
import { useSession } from '../../session';

/**
 * Saves a node's price per GPU-hour (base units) with PATCH, shows the node it answers, and says
 * how it went; `saving` while the request is under way.
 */
export function useSavePrice(nodeId: string, onNode: (node: Node) => void) {
  const { http } = useSession();
  const notify = useNotify();
  const [saving, setSaving] = useState(false);
  const save = useCallback(
    async (pricePerGpuHour: number, savedMessage: string) => {
      setSaving(true);
      try {
        onNode(await updateNode(http, nodeId, { pricePerGpuHour }));
        notify({ kind: 'success', key: 'price', title: 'Price saved', message: savedMessage });
      } catch (error) {
        notify({
          kind: 'error',
          key: 'price',
          title: 'Could not save the price',
          message: describeError(error),
        });
      } finally {
        setSaving(false);
      }
    },
    [http, nodeId, onNode, notify],
  );
  return { save, saving };
}
