import { getPublicReport, type PublicReport } from './reports.ts';
import type { Queryable } from './places.ts';

/** A report as staff see it: the public view plus contact data and the full history with actors. */
export interface StaffReport extends PublicReport {
  contact_email: string | null;
  contact_phone: string | null;
  source: string;
  /** Every photo, hidden ones included, with the position moderation addresses it by. */
  photos: Array<{ position: number; kind: string; hidden: boolean; url: string; thumbnail_url: string }>;
  history: Array<{ at: string; actor: string; kind: string; from: string | null; to: string | null; note: string | null; is_public: boolean }>;
}

const CONTACT_SQL = `SELECT contact_email, contact_phone, source FROM reports WHERE id = $1`;
const PHOTOS_SQL = `
SELECT position, kind, hidden, '/media/' || full_path AS url, '/media/' || thumb_path AS thumbnail_url
  FROM report_photos WHERE report_id = $1 ORDER BY position`;
const EVENTS_SQL = `
SELECT at, actor, kind, from_value AS "from", to_value AS "to", note, is_public
  FROM report_events WHERE report_id = $1 ORDER BY at, id`;

/** The staff view of one report, or undefined. */
export async function getStaffReport(q: Queryable, id: number): Promise<StaffReport | undefined> {
  const report = await getPublicReport(q, id);
  if (!report) return undefined;
  const contact = (await q.query(CONTACT_SQL, [id])).rows[0]!;
  const history = (await q.query<StaffReport['history'][number]>(EVENTS_SQL, [id])).rows;
  const photos = (await q.query<StaffReport['photos'][number]>(PHOTOS_SQL, [id])).rows;
  return { ...report, contact_email: contact.contact_email, contact_phone: contact.contact_phone, source: contact.source, photos, history };
}
