import { readList, readLongList, readOne } from '../../src/testio/data/envelope.js';
import { BugSchema, ExploratoryTestSchema, ProductSchema } from '../../src/testio/data/schemas.js';

const label = (noun: string) => ({ request: 'GET /x', noun });

describe('schemas', () => {
  it('accepts title or test_title and fills in both', () => {
    const a = ExploratoryTestSchema.parse({ id: 1, status: 'running', title: 'Checkout' });
    const b = ExploratoryTestSchema.parse({ id: '2', status: 'archived', test_title: 'Login', extra: { kept: true } });
    expect([a.title, a.test_title]).toEqual(['Checkout', 'Checkout']);
    expect([b.id, b.title, b.test_title]).toEqual([2, 'Login', 'Login']);
    expect(b.extra).toEqual({ kept: true });
  });

  it('normalises bug steps from a string or an array', () => {
    const base = { id: 1, status: 'accepted', severity: 'high', title: 'Crash' };
    expect(BugSchema.parse({ ...base, steps: ['Open', 'Click'] }).steps).toEqual(['Open', 'Click']);
    expect(BugSchema.parse({ ...base, steps: 'Open\n\nClick\r\n' }).steps).toEqual(['Open', 'Click']);
    expect(BugSchema.parse({ ...base, steps: null }).steps).toEqual([]);
    expect(BugSchema.parse(base).steps).toEqual([]);
  });

  it('products take name or title', () => {
    expect(ProductSchema.parse({ id: 3, title: 'Shop' }).name).toBe('Shop');
    expect(ProductSchema.parse({ id: 3, name: 'Shop', sections: [{ id: 1, name: 'Web' }] }).sections?.[0].name).toBe('Web');
  });

  it('a missing essential is an upstream error naming the field and the request', () => {
    const run = () => readList({ bugs: [{ id: 1, status: 'accepted' }, { title: 'no id', status: 'accepted' }] }, 'bugs', BugSchema, label('bug'));
    expect(run).toThrow(/GET \/x with a bug \(item 2 of 2\) that cannot be read: "id" is missing/);
    try {
      run();
    } catch (error) {
      expect((error as { toolErrorKind?: string }).toolErrorKind).toBe('upstream');
    }
    expect(() => readOne({ exploratory_test: { id: 5, status: 'running' } }, 'exploratory_test', ExploratoryTestSchema, label('exploratory test'))).toThrow(
      /exploratory test 5 that cannot be read: has neither `test_title` nor `title`/,
    );
    expect(() => readOne({ error: 'x' }, 'product', ProductSchema, label('product'))).toThrow(/without the expected "product" object/);
    expect(() => readList({ products: {} }, 'products', ProductSchema, label('product'))).toThrow(/without the expected "products" list/);
  });

  it('reads a long list in slices, giving other work a turn in between, with the same result and errors', async () => {
    const bugs = Array.from({ length: 50 }, (_, i) => ({ id: i + 1, status: 'accepted', steps: 'Open\nClick' }));
    let otherWorkRan = false;
    const other = setImmediate(() => (otherWorkRan = true));
    const read = await readLongList({ bugs }, 'bugs', BugSchema, label('bug'));
    clearImmediate(other);
    expect(read).toEqual(readList({ bugs }, 'bugs', BugSchema, label('bug')));
    // Work queued behind the list ran before the list was done: the event loop had a turn.
    expect(otherWorkRan).toBe(true);

    const broken = [...bugs.slice(0, 40), { title: 'no id', status: 'accepted' }];
    await expect(readLongList({ bugs: broken }, 'bugs', BugSchema, label('bug'))).rejects.toThrow(/a bug \(item 41 of 41\) that cannot be read: "id" is missing/);
    await expect(readLongList({ bugs: {} }, 'bugs', BugSchema, label('bug'))).rejects.toThrow(/without the expected "bugs" list/);
  });
});

