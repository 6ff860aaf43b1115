// What demo incidents say: a category mix like a county hotline's, each kind of report in two
// wordings (a second caller says the same thing differently), the channels it comes in by, the
// places people name (a building, a gate, a market) and a fact of the event (how many people, which
// floor, a plate) — so that two reports of one event share their place, gist and facts, and two
// different events in one village mostly do not. (With only the ~40 phrases, a fifth of unrelated
// reports near each other in a busy demo hour were word for word the same.)
import type { IncidentCategory } from '../wire/index.ts';

/** One kind of report: how the first caller says it, and how a second caller says the same. */
export type Wording = readonly [first: string, second: string];

/** [weight by day, weight by night, wordings] per category. */
export const CATEGORIES: Record<IncidentCategory, readonly [number, number, readonly Wording[]]> = {
  'public-service': [26, 10, [
    ['路灯损坏不亮', '路灯坏了晚上一片黑'], ['井盖缺失', '井盖不见了有安全隐患'], ['供水管道漏水', '自来水管破裂往外冒水'],
    ['垃圾清运不及时', '垃圾堆了几天没人清运'], ['小区电梯故障', '电梯停运无法使用'], ['道路坑洼', '路面破损坑洼积水'],
  ]],
  dispute: [20, 16, [
    ['邻里噪音纠纷', '邻居噪音扰民发生争执'], ['物业费纠纷', '业主与物业因收费争吵'], ['家庭矛盾调解', '夫妻吵架需要调解'],
    ['土地承包纠纷', '承包地边界发生争执'], ['劳资纠纷讨薪', '工人聚集讨要工资'],
  ]],
  environment: [15, 12, [
    ['餐饮油烟扰民', '饭店油烟太大熏人'], ['夜间施工噪音', '晚上工地施工声音很大'], ['河道漂浮垃圾', '河面上漂着很多垃圾'],
    ['焚烧秸秆', '有人烧秸秆浓烟很大'], ['疑似违规排污', '河里有污水排放有异味'],
  ]],
  traffic: [13, 10, [
    ['机动车违停占道', '车辆乱停堵住道路'], ['轻微交通事故', '两车剐蹭发生事故'], ['路口信号灯故障', '红绿灯不亮了'], ['电动车逆行', '电瓶车逆向行驶'],
  ]],
  'public-order': [12, 30, [
    ['可疑人员徘徊', '有陌生人来回转悠'], ['人员聚集', '很多人聚在一起'], ['电动车被盗', '电瓶车被人偷了'], ['醉酒滋事', '有人喝醉了闹事'],
  ]],
  'work-safety': [6, 3, [
    ['工地人员未戴安全帽', '工人施工不戴安全帽'], ['燃气瓶违规存放', '店里违规存放液化气罐'], ['脚手架安全隐患', '脚手架搭得不牢固'],
  ]],
  fire: [4, 9, [
    ['烟雾报警', '闻到烟味有报警声'], ['电动车楼道充电', '有人在楼道里给电瓶车充电'], ['垃圾桶起火', '垃圾桶着火冒烟'],
  ]],
  other: [4, 4, [
    ['群众政策咨询', '居民来电咨询政策'], ['流浪动物', '有流浪狗出没'],
  ]],
};

/** Facts of an event, per category: {n} a count, {floor} a floor, {plate} a plate's last digits, {colour} a colour. */
export const FACTS: Record<IncidentCategory, readonly string[]> = {
  'public-service': ['约{n}米路段', '已持续{n}天', '影响{n}户居民'],
  dispute: ['涉及{n}户', '{floor}楼住户', '已持续{n}天'],
  environment: ['已持续{n}天', '距居民楼约{n}米', '影响{n}户居民'],
  traffic: ['{colour}轿车尾号{plate}', '{colour}货车尾号{plate}', '{colour}电动车尾号{plate}'],
  'public-order': ['约{n}人', '{colour}上衣男子', '{colour}上衣女子', '{n}名青年'],
  'work-safety': ['约{n}名工人', '{floor}层作业面', '{n}号工地'],
  fire: ['{floor}楼', '{n}号楼道', '{floor}楼楼道'],
  other: ['{n}只', '已持续{n}天'],
};

const COLOURS = ['白色', '黑色', '红色', '蓝色', '银色', '灰色', '黄色', '绿色'];

/** A fact of this category with its slots filled from `rng`. */
export function fact(category: IncidentCategory, rng: () => number): string {
  const templates = FACTS[category];
  return templates[Math.floor(rng() * templates.length)]!
    .replace('{n}', String(2 + Math.floor(rng() * 29)))
    .replace('{floor}', String(1 + Math.floor(rng() * 33)))
    .replace('{plate}', String(Math.floor(rng() * 10_000)).padStart(4, '0'))
    .replace('{colour}', COLOURS[Math.floor(rng() * COLOURS.length)]!);
}

/** Channels (受理渠道) and their share; the demo keeps source "demo" and names the channel in the text. */
export const CHANNELS: readonly (readonly [string, number])[] = [
  ['12345热线', 38],
  ['网格员上报', 30],
  ['110警情', 12],
  ['视频AI告警', 12],
  ['物联感知', 8],
];

/** The channel a second report of one event comes in by: a citizen calls 12345 or 110 about what a camera, sensor or grid worker reported, 110 and 12345 hear of each other's, and some call twice. */
export function secondChannel(first: string, u: number): string {
  if (first === '12345热线') return u < 0.6 ? '110警情' : '12345热线';
  if (first === '110警情') return u < 0.7 ? '12345热线' : '110警情';
  return u < 0.6 ? '12345热线' : '110警情';
}

/** Places people name, {n} a number; a second report names the same place, sometimes adding 附近. */
export const LANDMARKS: readonly string[] = [
  '{n}栋楼下', '{n}号楼', '{n}组', '东门', '西门', '南门口', '菜市场', '幼儿园门口', '公交站台', '十字路口',
  '健身广场', '商业街', '停车场', '卫生室旁', '学校门口', '河边', '桥头', '超市门口',
];

/** Categories one event is often reported under by different callers (a fight: 纠纷 to 12345, 治安 to 110). */
export const COMPATIBLE_CATEGORIES: Partial<Record<IncidentCategory, IncidentCategory>> = {
  dispute: 'public-order', 'public-order': 'dispute', fire: 'work-safety', 'work-safety': 'fire',
};

/** The village name of a grid named like 东安居委会第1网格 (the grid's own name when it is not). */
export function villageNameOf(gridName: string): string {
  return gridName.replace(/第\d+网格$/, '') || gridName;
}

/** A demo incident's description: its channel, its place, what is said and (if any) a fact, marked as demo data. */
export function describe(channel: string, place: string, said: string, eventFact: string): string {
  return `【${channel}】${place}，${said}${eventFact ? `，${eventFact}` : ''}（演示数据）`;
}
