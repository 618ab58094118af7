/**
 * The canonical agency a mention stands for: its id (`<province>:<type>`, `vn:<type>` for national bodies,
 * `vn:<type>-<n>` for regional branches, a slug of the words for a body of no known type) and its names.
 */
import type { Agency } from '../schema.js';
import { englishAgencyName } from '../taxonomy/agency-english.js';
import { fold, slugify, squash } from '../text/normalize.js';
import type { AgencyMention, ProvinceName } from './agencies.js';
import { escapeRegex } from './agency-types.js';

/**
 * `documentProvince`: the province of the document that mentions it; `national`: an unscoped body of a national
 * document is national too; `department`: the name of the department ("Sở …") that issued the document, whose
 * own "Văn phòng Sở" and "Thanh tra Sở" these are.
 */
export function canonicalAgency(
  mention: AgencyMention,
  documentProvince: ProvinceName | null,
  national: boolean,
  department: string | undefined,
): Agency {
  const { type } = mention;
  if (type?.scope === 'national') {
    return {
      id: `vn:${type.id}`,
      name: type.name,
      nameEn: englishAgencyName(type, null, null),
      typeId: type.id,
      province: null,
      aliases: [],
    };
  }
  if (type?.scope === 'regional') {
    const region = mention.region ?? '?';
    return {
      id: `vn:${type.id}-${region.toLowerCase()}`,
      name: type.name.replace('{n}', region),
      nameEn: englishAgencyName(type, null, region),
      typeId: type.id,
      province: null,
      aliases: [],
    };
  }
  const province = mention.province ?? documentProvince;
  const scope = province?.slug ?? (national ? 'vn' : 'unscoped');
  if (type) {
    return {
      id: `${scope}:${type.id}`,
      name: province ? withProvince(type.name, province) : type.name,
      nameEn: englishAgencyName(type, province ?? null, null),
      typeId: type.id,
      province: province?.slug ?? null,
      aliases: [],
    };
  }
  const named = mention.head ? `${mention.head} ${mention.text}` : mention.text;
  const written = department ? named.replace(/(?<=\s)Sở$/u, department) : named;
  const base = stripProvince(written, province);
  return {
    id: `${scope}:${slugify(base)}`,
    // A name that carries its province ("Cảng vụ Hàng hải Quảng Ninh") is kept as written.
    name: mention.province
      ? squash(written.replace(/[:;,.]+$/, ''))
      : province
        ? withProvince(base, province)
        : base,
    nameEn: null,
    typeId: null,
    province: province?.slug ?? null,
    aliases: [],
  };
}

/**
 * "Công an tỉnh" + "Lạng Sơn" → "Công an tỉnh Lạng Sơn"; "Sở Tư pháp" → "Sở Tư pháp tỉnh Lạng Sơn". A name that
 * ends in a list of local units whose last is the city's own kind takes "thuộc" ("Ủy ban nhân dân các huyện, thị xã,
 * thành phố thuộc thành phố Đà Nẵng"), never "thành phố thành phố".
 */
function withProvince(name: string, province: ProvinceName): string {
  if (fold(name).endsWith(fold(province.name))) return name;
  const kind = province.kind ?? 'tỉnh';
  if (/ tỉnh$/u.test(name)) return `${name.replace(/tỉnh$/u, kind)} ${province.name}`;
  return name.endsWith(` ${kind}`)
    ? `${name} thuộc ${kind} ${province.name}`
    : `${name} ${kind} ${province.name}`;
}

function stripProvince(text: string, province: ProvinceName | null): string {
  let s = squash(text.replace(/[:;,.]+$/, ''));
  if (province) s = s.replace(new RegExp(`\\s+(?:tỉnh\\s+)?${escapeRegex(province.name)}$`, 'iu'), '');
  return s.replace(/\s+tỉnh$/u, '');
}

/**
 * A team or room of a body ("Đội Quản lý thị trường số 1", "Phòng Thanh tra - Pháp chế" of a Chi cục): its own
 * agency, named as written with the body it belongs to, of the body's type (a market-surveillance team is a
 * market-surveillance body for a question about one).
 */
export function unitOf(written: string, parent: Agency): Agency {
  const name = squash(written.replace(/[:;,.]+$/, ''));
  return {
    id: `${parent.id}.${slugify(name)}`,
    name: `${name} thuộc ${parent.name}`,
    nameEn: null,
    typeId: parent.typeId,
    province: parent.province,
    aliases: [],
  };
}

/** "UBND PHƯỜNG TỪ SƠN", "Ủy ban nhân dân xã Tân Lập": one commune's People's Committee (since 2025, a level of its own). */
const ONE_COMMUNE =
  /^(?:UBND|Ủy ban nhân dân)\s+(xã|phường|thị trấn|đặc khu)\s+(\p{Lu}[\p{L}\d]*(?:\s+(?:-\s+)?\p{Lu}[\p{L}\d]*)*)$/iu;

export interface Commune {
  /** "phường", "xã", "thị trấn", "đặc khu". */
  kind: string;
  /** "Từ Sơn", as written in proper case. */
  name: string;
}

/** The commune a committee's name (a header line, any case) names, or null. */
export function communeOf(text: string): Commune | null {
  const m = ONE_COMMUNE.exec(squash(text));
  if (!m) return null;
  return { kind: m[1]!.toLowerCase(), name: properCase(m[2]!) };
}

/** "TỪ SƠN", "từ sơn" → "Từ Sơn". */
function properCase(name: string): string {
  return name
    .toLowerCase()
    .split(/(\s+|-)/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** "Ủy ban nhân dân thành phố Tuy Hòa", "UBND HUYỆN XUYÊN MỘC": one district-level committee (before July 2025). */
const ONE_DISTRICT =
  /^(?:UBND|Ủy ban nhân dân)\s+(huyện|quận|thị xã|thành phố)\s+(\p{Lu}[\p{L}\d]*(?:\s+(?:-\s+)?\p{Lu}[\p{L}\d]*)*)$/iu;

/**
 * The district a committee's name names, or null; `isCity` tells a centrally-run city ("thành phố Hà Nội"), whose
 * committee is a province's, from a city of a province ("thành phố Tuy Hòa").
 */
export function districtOf(text: string, isCity: (name: string) => boolean): Commune | null {
  const m = ONE_DISTRICT.exec(squash(text));
  if (!m) return null;
  const kind = m[1]!.toLowerCase();
  const place = properCase(m[2]!);
  return kind === 'thành phố' && isCity(place) ? null : { kind, name: place };
}

/** The commune's (or district's) People's Committee: of its level's type, its own id and name. */
export function communeCommittee(commune: Commune, province: ProvinceName | null, typeId: string): Agency {
  const name = `Ủy ban nhân dân ${commune.kind} ${commune.name}`;
  return {
    id: `${province?.slug ?? 'unscoped'}:${slugify(name)}`,
    name: province ? withProvince(name, province) : name,
    nameEn: null,
    typeId,
    province: province?.slug ?? null,
    aliases: [],
  };
}

/**
 * A body of the commune whose committee issued the document, named by its kind word alone ("Công an phường",
 * "Ủy ban Mặt trận Tổ quốc Việt Nam phường", "Văn phòng HĐND và UBND phường"): that commune's ("… phường Từ Sơn").
 */
export function communeBody(
  written: string,
  committee: Agency,
  commune: Commune,
  typeId: string | null,
): Agency {
  const name = squash(written.replace(/[:;,.]+$/, ''));
  return {
    id: `${committee.id}.${slugify(name)}`,
    name: `${name} ${commune.name}`,
    nameEn: null,
    typeId,
    province: committee.province,
    aliases: [],
  };
}
