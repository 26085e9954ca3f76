/**
 * A validation rule tried before it is deployed: on one record (stored, or values typed in) and on the records that
 * exist today, to say how many of them the rule would block at their next save. The rule runs through the same
 * evaluator, related-record preload and message templates as a write.
 */
import type { Knex } from 'knex';
import type { ObjectDoc, ValidationRuleDoc } from '../../../metadata/src/types.ts';
import type { FieldError } from '../errors/catalog.ts';
import { preloadRelated, relatedColumns, relatedPaths } from '../records/related-preload.ts';
import { compileRule, runRules } from '../records/record-validator.ts';
import { tableName } from '../schema-sync/names.ts';

type RecordData = Record<string, unknown>;

/** The most existing records a preview reads; beyond it the answer says it stopped. */
export const PREVIEW_MAX_RECORDS = 20_000;
const BATCH = 500;
const SAMPLE = 10;

export interface RuleVerdict {
  blocks: boolean;
  /** The error a save would get (the rule's message, or `rule_failed` when it could not be evaluated). */
  error: FieldError | null;
}

export interface RulePreview {
  checked: number;
  blocked: number;
  /** Ids of the first blocked records, in id order. */
  sample: string[];
  /** True when the object has more records than PREVIEW_MAX_RECORDS: `blocked` counts the first ones only. */
  truncated: boolean;
}

export class RuleTrial {
  private readonly check: (record: RecordData) => FieldError | null;
  private readonly related;

  constructor(
    private readonly knex: Knex,
    private readonly objects: ReadonlyMap<string, ObjectDoc>,
    private readonly object: ObjectDoc,
    rule: ValidationRuleDoc,
  ) {
    const compiled = compileRule(rule);
    this.check = (record) => {
      const errors: FieldError[] = [];
      runRules([compiled], record, errors);
      return errors[0] ?? null;
    };
    this.related = relatedPaths(object, [rule]);
  }

  async verdict(record: RecordData): Promise<RuleVerdict> {
    const error = this.check(await this.withRelated(record));
    return { blocks: error !== null, error };
  }

  async preview(): Promise<RulePreview> {
    const result: RulePreview = { checked: 0, blocked: 0, sample: [], truncated: false };
    let after: string | null = null;
    while (result.checked < PREVIEW_MAX_RECORDS) {
      // Each row comes with the related records the rule reads, so a batch is one query.
      const rows: RecordData[] = await this.knex(`${tableName(this.object.name)} as t`)
        .select('t.*', ...relatedColumns(this.knex, this.objects, this.object, this.related, 't'))
        .whereNull('t.deleted_at')
        .modify((q) => { if (after !== null) q.where('t.id', '>', after); })
        .orderBy('t.id').limit(Math.min(BATCH, PREVIEW_MAX_RECORDS - result.checked));
      for (const row of rows) {
        result.checked++;
        if (!this.check(row)) continue;
        result.blocked++;
        if (result.sample.length < SAMPLE) result.sample.push(String(row.id));
      }
      if (rows.length < BATCH) return result;
      after = String(rows[rows.length - 1].id);
    }
    const more = await this.knex(tableName(this.object.name)).whereNull('deleted_at').where('id', '>', after!).first('id');
    result.truncated = more !== undefined;
    return result;
  }

  /** Related records the rule reads (`dealer.tier`) for one record: one query, none when it reads only its own fields. */
  private async withRelated(record: RecordData): Promise<RecordData> {
    if (!this.related.size) return record;
    return { ...record, ...(await preloadRelated(this.knex, this.objects, this.object, this.related, record)) };
  }
}
