import type { APIRoute } from 'astro';
import { absolute } from '../data/trust.ts';
import { robotsTxt } from '../../../lib/publish/sitemap.ts';

export const GET: APIRoute = () => new Response(robotsTxt(absolute('/sitemap.xml')), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
