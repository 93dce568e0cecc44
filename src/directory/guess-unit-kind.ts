import type { UnitKind } from "./directory.js";

/** A first guess at a unit's kind from its name, for a scaffolded directory the office then corrects. */
export function guessUnitKind(name: string): UnitKind {
  if (/街道(办事处)?$/.test(name)) return "street";
  if (/(镇|乡)(人民政府)?$/.test(name)) return "town";
  if (/(指挥部|领导小组|工作组|专班)(（.*）)?$/.test(name)) return "command-group";
  if (/(园区|示范园|开发区|新城)(管委会|管理服务中心)?$/.test(name) && !/建设/.test(name)) return "park";
  if (/(法院|检察院|人民银行|银保监|监管组|支行|分行|公司)/.test(name)) return "external";
  return "department";
}
