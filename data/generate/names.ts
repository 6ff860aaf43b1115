// Synthetic but plausible names: grid workers (网格员), phone numbers, streets and patrol teams.
// No real person is named; phones are in the unassigned-looking 1390000xxxx block.
import type { Rng } from './random.ts';

// Common surnames in central Jiangsu, most frequent first (drawn with a falling weight).
const SURNAMES = [...'陈王张刘周徐朱吴孙李钱季顾储卢丁杨蒋沈曹缪黄赵胡高林何马郭宋葛花封凌仲殷沙蔡唐许严韩陆姜夏'];
const GIVEN_FIRST = [...'建国志海永红秀晓丽春华明玉金桂伟德文立新爱小俊静雪云家国凤兰宏学'];
const GIVEN_SECOND = [...'华明军平芳英萍林东峰强勇霞燕琴梅娟敏杰刚辉斌涛洁瑶宇婷慧荣龙成亮忠'];

/** Draws unique person names and phone numbers. */
export interface PeopleNamer {
  person(): string;
  phone(): string;
}

export function createPeopleNamer(rng: Rng): PeopleNamer {
  const usedNames = new Set<string>();
  const usedPhones = new Set<string>();
  const surname = (): string => SURNAMES[Math.floor(SURNAMES.length * rng.next() ** 2)] as string;
  return {
    person() {
      for (;;) {
        const given = rng.chance(0.2) ? rng.pick(GIVEN_SECOND) : rng.pick(GIVEN_FIRST) + rng.pick(GIVEN_SECOND);
        const name = surname() + given;
        if (!usedNames.has(name)) {
          usedNames.add(name);
          return name;
        }
      }
    },
    phone() {
      for (;;) {
        const phone = `1390000${String(rng.int(0, 9999)).padStart(4, '0')}`;
        if (!usedPhones.has(phone)) {
          usedPhones.add(phone);
          return phone;
        }
      }
    },
  };
}

/** Named through-roads (主干道): north–south first, then east–west. */
export const ARTERIAL_NAMES = {
  northSouth: ['鼓楼路', '海陵路', '东风路', '江洲路', '春晖路'],
  eastWest: ['永定路', '济川路', '凤凰路', '泰州大道', '328国道'],
};

// Street names in the style of the old town (real-sounding, not a map of the real streets).
const STREET_STEMS = [
  '坡子', '彩衣', '税东', '八字桥', '府前', '人民', '五一', '青年', '迎春', '扬州', '光孝', '稻河', '东进', '西仓',
  '北门', '大林', '工人', '溪桥', '梅兰', '望海', '草河', '藕花', '渔行', '天德', '兴化', '周山', '莲花', '振兴',
  '友谊', '幸福', '和平', '建设', '光明', '团结', '民主', '文昌', '学士', '迎宾', '海军', '红旗', '育才', '春兰',
  '鲍坝', '智堡', '宫涵', '斜桥', '东城', '新华', '桃园', '南通', '朝阳', '清化', '双桥', '鼓楼', '中山', '吉祥',
  '凤城', '百凤', '城河', '涵西', '麒麟', '银杏', '梧桐', '翠竹', '碧桂', '金鹰', '明珠', '锦绣', '苏陈', '罡杨',
];

/** Unique street names, `…路` or `…街`, in a fixed shuffled order. */
export function createStreetNamer(rng: Rng, taken: readonly string[]): () => string {
  const used = new Set(taken);
  const stems = rng.shuffled(STREET_STEMS);
  let i = 0;
  return () => {
    for (;;) {
      const stem = stems[i % stems.length] as string;
      const round = Math.floor(i / stems.length);
      i++;
      const suffix = round === 0 ? (rng.chance(0.7) ? '路' : '街') : ['东路', '西路', '南路', '北路', '巷'][round - 1];
      if (!suffix) throw new Error('street names exhausted');
      const name = stem + suffix;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

const ORDINALS = ['一', '二', '三', '四', '五'];

/** 城东街道, 1 → 城东街道平安巡防一队 */
export function teamName(townshipName: string, n: number): string {
  const kind = townshipName.endsWith('镇') ? '群防群治巡逻' : '平安巡防';
  return `${townshipName}${kind}${ORDINALS[n - 1] ?? n}队`;
}

/** Distinct team colours: hues spread by the golden angle, medium lightness for a light or dark map. */
export function teamColor(i: number): [number, number, number] {
  const h = (i * 137.508 + 20) % 360;
  const s = 0.75;
  const l = i % 2 === 0 ? 0.5 : 0.42;
  const f = (n: number): number => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}
