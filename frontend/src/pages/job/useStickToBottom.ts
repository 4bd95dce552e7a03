import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** How close to the bottom (px) still counts as "at the bottom". */
const SLACK_PX = 24;

export interface StickToBottom<T extends HTMLElement> {
  /** Goes on the scrolling box. */
  ref: RefObject<T | null>;
  /** False once the person scrolled up, until they return to the bottom. */
  following: boolean;
  onScroll: () => void;
  jumpToLatest: () => void;
}

/**
 * Keeps a scrolling box at its bottom as content arrives, like a terminal, until the person
 * scrolls up; scrolling back down (or `jumpToLatest`) resumes following. `contentKey` changes
 * whenever content was added.
 */
export function useStickToBottom<T extends HTMLElement>(contentKey: unknown): StickToBottom<T> {
  const ref = useRef<T>(null);
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);

  useLayoutEffect(() => {
    const element = ref.current;
    if (element && followingRef.current) element.scrollTop = element.scrollHeight;
  }, [contentKey]);

  const onScroll = useCallback(() => {
    const element = ref.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= SLACK_PX;
    followingRef.current = atBottom;
    setFollowing(atBottom);
  }, []);

  const jumpToLatest = useCallback(() => {
    const element = ref.current;
    followingRef.current = true;
    setFollowing(true);
    if (element) element.scrollTop = element.scrollHeight;
  }, []);

  return { ref, following, onScroll, jumpToLatest };
}
