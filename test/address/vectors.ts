// Loads test/vectors/addresses.json and bech32.json (sources are stated inside each file).
import fs from 'node:fs';
import path from 'node:path';
import { VECTORS_DIR } from '../util/vectors';

export interface ValidAddress {
  network: string;
  address: string;
  script_hex: string;
  source: string;
  verified_by: string;
  roundtrip: boolean;
}
export interface InvalidAddress {
  network: string;
  address: string;
  code: string;
  reason: string;
}
export interface AddressVectors {
  valid: ValidAddress[];
  invalid: InvalidAddress[];
}
export interface InvalidString {
  string: string;
  reason: string;
  code: string;
}
export interface Bech32Vectors {
  bech32_valid: string[];
  bech32_invalid: InvalidString[];
  bech32m_valid: string[];
  bech32m_invalid: InvalidString[];
  segwit_valid: { address: string; script_hex: string; source: string }[];
  segwit_invalid: { address: string; reason: string; code: string; source: string }[];
}

function load<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(VECTORS_DIR, file), 'utf8')) as T;
}

export const addressVectors = (): AddressVectors => load<AddressVectors>('addresses.json');
export const bech32Vectors = (): Bech32Vectors => load<Bech32Vectors>('bech32.json');
