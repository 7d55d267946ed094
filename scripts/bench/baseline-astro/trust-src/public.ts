import { getCollection } from 'astro:content';

export const publicPolicies = async () => (await getCollection('policies')).filter((entry) => (entry.data as { visibility?: string }).visibility === 'public');
