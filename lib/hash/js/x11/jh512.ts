// JH-512 (round-3 version, 42 rounds): X11 stage 5. TypeScript twin of native/core/x11/jh512.cpp
// in the designer's bitsliced form on 32-bit words: word 4 * row + lane holds a quarter of
// one of the eight 128-bit rows; a round is S-boxes, the linear layer L, then a swap of
// 2^(r mod 7)-bit groups in the odd rows (widths 32 and 64 become word exchanges).

import { wordsToDigest } from './digest-words';

// H(0) for a 512-bit digest (JH round-3 specification, section 2.4): state bytes as LE words.
const H0 = new Int32Array([
  0x964bd16f, 0x17aa003e, 0x052e6a63, 0x43d5157a, 0x8d5e228a, 0x0bef970c, 0x591234e9, 0x61c3b3f2,
  0xc1a01d89, 0x1e806f53, 0x6b05a92a, 0x806d2bea, 0xdbcc8e58, 0xa6ba7520, 0x763a0fa9, 0xf73bf8ba,
  0x05e66901, 0x694ae341, 0x8e8ab546, 0x5ae66f2e, 0xd0a74710, 0x243c84c1, 0xb1716e3b, 0x99c15a2d,
  0xecf657cf, 0x56f8b19d, 0x7c8806a7, 0x56b11657, 0xdffcc2e3, 0xfb1785e6, 0x78465a54, 0x4bdd8ccc,
].map((w) => w | 0));

// E8 round constants in bitslice layout (JH round-3 submission, E8_bitslice_roundconstant),
// eight little-endian words per round.
const ROUND_CONSTANTS = new Int32Array([
  0xa2ded572, 0x67f815df, 0x0a15847b, 0x571523b7, 0x90d6ab81, 0xf6875a4d, 0xc54f9f4e, 0x402bd1c3,
  0xe03a98ea, 0x9cfa455c, 0x99d2c503, 0x9a99b266, 0xb4960266, 0x8a53bbf2, 0x1a1456b5, 0x31a2db88,
  0x5c5aa303, 0xdb0e199a, 0x0ab23f40, 0x1044c187, 0x8019051c, 0x1d959e84, 0xadeb336f, 0xdccde75e,
  0x9213ba10, 0x416bbf02, 0x156578dc, 0xd027bbf7, 0x39812c0a, 0x5078aa37, 0xd2bf1a3f, 0xd3910041,
  0x0d5a2d42, 0x907eccf6, 0x9c9f62dd, 0xce97c092, 0x0ba75c18, 0xac442bc7, 0xd665dfd1, 0x23fcc663,
  0x036c6e97, 0x1ab8e09e, 0x7e450521, 0xa8ec6c44, 0xbb03f1ee, 0xfa618e5d, 0xb29796fd, 0x97818394,
  0x37858e4a, 0x2f3003db, 0x2d8d672a, 0x956a9ffb, 0x8173fe8a, 0x6c69b8f8, 0x4672c78a, 0x14427fc0,
  0x8f15f4c5, 0xc45ec7bd, 0xa76f4475, 0x80bb118f, 0xb775de52, 0xbc88e4ae, 0x1e00b882, 0xf4a3a698,
  0x338ff48e, 0x1563a3a9, 0x24565faa, 0x89f9b7d5, 0x20edf1b6, 0xfde05a7c, 0x5ae9ca36, 0x362c4206,
  0x433529ce, 0x3d98fe4e, 0x74f93a53, 0xa74b9a73, 0x591ff5d0, 0x86814e6f, 0x81ad9d0e, 0x9f5ad8af,
  0x670605a7, 0x6a6234ee, 0xbe280b8b, 0x2717b96e, 0x26077447, 0x3f1080c6, 0x6f7ea0e0, 0x7b487ec6,
  0xa50a550d, 0xc0a4f84a, 0x9fe7e391, 0x9ef18e97, 0x81727686, 0xd48d6050, 0x415a9e7e, 0x62b0e5f3,
  0xec1f9ffc, 0x7a205440, 0x001ae4e3, 0x84c9f4ce, 0xf594d74f, 0xd895fa9d, 0x117e2e55, 0xa554c324,
  0x2872df5b, 0x286efebd, 0xe27ff578, 0xb2c4a50f, 0xef7c8905, 0x2ed349ee, 0x85937e44, 0x7f5928eb,
  0x37695f70, 0x4a3124b3, 0xf128865e, 0x65e4d61d, 0x04771bc7, 0xe720b951, 0xe843fe74, 0x8a87d423,
  0xa3e8297d, 0xf2947692, 0x097acbdd, 0xc1d9309b, 0xfb301b1d, 0xe01bdc5b, 0x4f4924da, 0xbf829cf2,
  0x31bae7a4, 0xffbf70b4, 0x0544320d, 0x48bcf8de, 0x32fcae3b, 0x39d3bb53, 0xc1c39f45, 0xa08b29e0,
  0xfd05c9e5, 0x0f09aef7, 0x12347094, 0x34f19042, 0x01b771a2, 0x95ed44e3, 0x368e3be9, 0x4a982f4f,
  0x631d4088, 0x15f66ca0, 0x4b44c147, 0xffaf5287, 0xf14abb7e, 0x30c60ae2, 0xc5b67046, 0xe68c6ecc,
  0x56a4d5a4, 0x00ca4fbd, 0x4b849dda, 0xae183ec8, 0x45ce5773, 0xadd16430, 0x68cea6e8, 0x67255c14,
  0xf28cdaa3, 0x16e10ecb, 0x5806e933, 0x9a99949a, 0x20b2601f, 0x7b846fc2, 0x7facced1, 0x1885d1a0,
  0xa15b5932, 0xd319dd8d, 0xc01c9a50, 0x46b4a5aa, 0x67633d9f, 0xba6b04e4, 0xab19caf6, 0x7eee560b,
  0xea79b11f, 0x742128a9, 0x35f7bde9, 0xee51363b, 0x5aac571d, 0x76d35075, 0xfec2463a, 0x01707da3,
  0xafc135f7, 0x42d8a498, 0x20eced78, 0x79676b9e, 0x15638341, 0xa8db3aea, 0x4d3bc3fa, 0x832c8332,
  0x1f3b40a7, 0xf347271c, 0x34f04059, 0x9a762db7, 0x6c4e3ee7, 0xfd4f21d2, 0x398dfdb8, 0xef5957dc,
  0x490c9b8d, 0xdaeb492b, 0x49d7a25b, 0x0d70f368, 0xd0ae3b7d, 0x84558d7a, 0xf0e9a5f5, 0x658ef8e4,
  0xf4a2b8a0, 0x533b1036, 0x9e07a80c, 0x5aec3e75, 0x92946891, 0x4f88e856, 0x555cb05b, 0x4cbcbaf8,
  0x993bbbe3, 0x7b9487f3, 0xd6f4da75, 0x5d1c6b72, 0x28acae64, 0x6db334dc, 0x50a5346c, 0x71db28b8,
  0xf2e261f8, 0x2a518d10, 0x3364dbe3, 0xfc75dd59, 0xf1bcac1c, 0xa23fce43, 0x3cd1bb67, 0xb043e802,
  0xca5b0a33, 0x75a12988, 0x4d19347f, 0x5c5316b4, 0xc3943b92, 0x1e4d790e, 0xd7757479, 0x3fafeeb6,
  0xf7d4a8ea, 0x21391abe, 0x097ef45c, 0x5127234c, 0x5324a326, 0xd23c32ba, 0x4a17a344, 0xadd5a66d,
  0xa63e1db5, 0x08c9f2af, 0x983d5983, 0x563c6b91, 0xa17cf84c, 0x4d608672, 0xcc3ee246, 0xf6c76e08,
  0xb333982f, 0x5e76bcb1, 0xa566d62b, 0x2ae6c4ef, 0xe8b6f406, 0x36d4c1be, 0x1582ee74, 0x6321efbc,
  0x0d4ec1fd, 0x69c953f4, 0xc45a7da7, 0x26585806, 0x1614c17e, 0x16fae006, 0x3daf907e, 0x3f9d6328,
  0xe3f2c9d2, 0x0cd29b00, 0x30ceaa5f, 0x300cd4b7, 0x16512a74, 0x9832e0f2, 0xd830eb0d, 0x9af8cee3,
  0x7b9ec54b, 0x9279f1b5, 0x6ee651ff, 0xd3688604, 0x574d239b, 0x316796e6, 0xf3a6e6cc, 0x05750a17,
  0xd98176b1, 0xce6c3213, 0x8452173c, 0x62a205f8, 0xb3cb2bf4, 0x47154778, 0x825446ff, 0x486a9323,
  0x0758df38, 0x65655e4e, 0x897cfcf2, 0x8e5086fc, 0x442e7031, 0x86ca0bd0, 0xa20940f0, 0x4e477830,
  0x39eea065, 0x8338f7d1, 0x37e95ef7, 0xbd3a2ce4, 0x26b29721, 0x6ff81301, 0xd1ed44a3, 0xe7de9fef,
  0x15dfa08b, 0xd9922576, 0xf6f7853c, 0xbe42dc12, 0x7ceca7d8, 0x7eb027ab, 0xda7d8d53, 0xdea83eaa,
  0x93ce25aa, 0xd86902bd, 0xfd43f65a, 0xf908731a, 0xdaef5fc0, 0xa5194a17, 0x33664d97, 0x6a21fd4c,
  0x3198b435, 0x701541db, 0xbb0f1eea, 0x9b54cded, 0xa163d09a, 0x72409751, 0xbf9d75f6, 0xe26f4791,
].map((w) => w | 0));

// Scratch reused by every call (JS is single-threaded and nothing here re-enters).
const state = new Int32Array(32);
const msg = new Int32Array(16);
const padBlock = new Uint8Array(64);

function e8(s: Int32Array): void {
  let x00 = s[0], x01 = s[1], x02 = s[2], x03 = s[3];
  let x10 = s[4], x11 = s[5], x12 = s[6], x13 = s[7];
  let x20 = s[8], x21 = s[9], x22 = s[10], x23 = s[11];
  let x30 = s[12], x31 = s[13], x32 = s[14], x33 = s[15];
  let x40 = s[16], x41 = s[17], x42 = s[18], x43 = s[19];
  let x50 = s[20], x51 = s[21], x52 = s[22], x53 = s[23];
  let x60 = s[24], x61 = s[25], x62 = s[26], x63 = s[27];
  let x70 = s[28], x71 = s[29], x72 = s[30], x73 = s[31];
  let t = 0;
  for (let r = 0; r < 42; r++) {
    const c = 8 * r;
    // lane 0: S-boxes selected by the round-constant bits, then L
    x60 = ~x60;
    x00 ^= ~x40 & ROUND_CONSTANTS[c + 0];
    t = ROUND_CONSTANTS[c + 0] ^ (x00 & x20);
    x00 ^= x40 & x60;
    x60 ^= ~x20 & x40;
    x20 ^= x00 & x40;
    x40 ^= x00 & ~x60;
    x00 ^= x20 | x60;
    x60 ^= x20 & x40;
    x20 ^= t & x00;
    x40 ^= t;
    x70 = ~x70;
    x10 ^= ~x50 & ROUND_CONSTANTS[c + 4];
    t = ROUND_CONSTANTS[c + 4] ^ (x10 & x30);
    x10 ^= x50 & x70;
    x70 ^= ~x30 & x50;
    x30 ^= x10 & x50;
    x50 ^= x10 & ~x70;
    x10 ^= x30 | x70;
    x70 ^= x30 & x50;
    x30 ^= t & x10;
    x50 ^= t;
    x10 ^= x20;
    x30 ^= x40;
    x50 ^= x00 ^ x60;
    x70 ^= x00;
    x00 ^= x30;
    x20 ^= x50;
    x40 ^= x10 ^ x70;
    x60 ^= x10;
    // lane 1: S-boxes selected by the round-constant bits, then L
    x61 = ~x61;
    x01 ^= ~x41 & ROUND_CONSTANTS[c + 1];
    t = ROUND_CONSTANTS[c + 1] ^ (x01 & x21);
    x01 ^= x41 & x61;
    x61 ^= ~x21 & x41;
    x21 ^= x01 & x41;
    x41 ^= x01 & ~x61;
    x01 ^= x21 | x61;
    x61 ^= x21 & x41;
    x21 ^= t & x01;
    x41 ^= t;
    x71 = ~x71;
    x11 ^= ~x51 & ROUND_CONSTANTS[c + 5];
    t = ROUND_CONSTANTS[c + 5] ^ (x11 & x31);
    x11 ^= x51 & x71;
    x71 ^= ~x31 & x51;
    x31 ^= x11 & x51;
    x51 ^= x11 & ~x71;
    x11 ^= x31 | x71;
    x71 ^= x31 & x51;
    x31 ^= t & x11;
    x51 ^= t;
    x11 ^= x21;
    x31 ^= x41;
    x51 ^= x01 ^ x61;
    x71 ^= x01;
    x01 ^= x31;
    x21 ^= x51;
    x41 ^= x11 ^ x71;
    x61 ^= x11;
    // lane 2: S-boxes selected by the round-constant bits, then L
    x62 = ~x62;
    x02 ^= ~x42 & ROUND_CONSTANTS[c + 2];
    t = ROUND_CONSTANTS[c + 2] ^ (x02 & x22);
    x02 ^= x42 & x62;
    x62 ^= ~x22 & x42;
    x22 ^= x02 & x42;
    x42 ^= x02 & ~x62;
    x02 ^= x22 | x62;
    x62 ^= x22 & x42;
    x22 ^= t & x02;
    x42 ^= t;
    x72 = ~x72;
    x12 ^= ~x52 & ROUND_CONSTANTS[c + 6];
    t = ROUND_CONSTANTS[c + 6] ^ (x12 & x32);
    x12 ^= x52 & x72;
    x72 ^= ~x32 & x52;
    x32 ^= x12 & x52;
    x52 ^= x12 & ~x72;
    x12 ^= x32 | x72;
    x72 ^= x32 & x52;
    x32 ^= t & x12;
    x52 ^= t;
    x12 ^= x22;
    x32 ^= x42;
    x52 ^= x02 ^ x62;
    x72 ^= x02;
    x02 ^= x32;
    x22 ^= x52;
    x42 ^= x12 ^ x72;
    x62 ^= x12;
    // lane 3: S-boxes selected by the round-constant bits, then L
    x63 = ~x63;
    x03 ^= ~x43 & ROUND_CONSTANTS[c + 3];
    t = ROUND_CONSTANTS[c + 3] ^ (x03 & x23);
    x03 ^= x43 & x63;
    x63 ^= ~x23 & x43;
    x23 ^= x03 & x43;
    x43 ^= x03 & ~x63;
    x03 ^= x23 | x63;
    x63 ^= x23 & x43;
    x23 ^= t & x03;
    x43 ^= t;
    x73 = ~x73;
    x13 ^= ~x53 & ROUND_CONSTANTS[c + 7];
    t = ROUND_CONSTANTS[c + 7] ^ (x13 & x33);
    x13 ^= x53 & x73;
    x73 ^= ~x33 & x53;
    x33 ^= x13 & x53;
    x53 ^= x13 & ~x73;
    x13 ^= x33 | x73;
    x73 ^= x33 & x53;
    x33 ^= t & x13;
    x53 ^= t;
    x13 ^= x23;
    x33 ^= x43;
    x53 ^= x03 ^ x63;
    x73 ^= x03;
    x03 ^= x33;
    x23 ^= x53;
    x43 ^= x13 ^ x73;
    x63 ^= x13;
    switch (r % 7) {
      case 0:
        x10 = ((x10 & 0x55555555) << 1) | ((x10 >>> 1) & 0x55555555);
        x11 = ((x11 & 0x55555555) << 1) | ((x11 >>> 1) & 0x55555555);
        x12 = ((x12 & 0x55555555) << 1) | ((x12 >>> 1) & 0x55555555);
        x13 = ((x13 & 0x55555555) << 1) | ((x13 >>> 1) & 0x55555555);
        x30 = ((x30 & 0x55555555) << 1) | ((x30 >>> 1) & 0x55555555);
        x31 = ((x31 & 0x55555555) << 1) | ((x31 >>> 1) & 0x55555555);
        x32 = ((x32 & 0x55555555) << 1) | ((x32 >>> 1) & 0x55555555);
        x33 = ((x33 & 0x55555555) << 1) | ((x33 >>> 1) & 0x55555555);
        x50 = ((x50 & 0x55555555) << 1) | ((x50 >>> 1) & 0x55555555);
        x51 = ((x51 & 0x55555555) << 1) | ((x51 >>> 1) & 0x55555555);
        x52 = ((x52 & 0x55555555) << 1) | ((x52 >>> 1) & 0x55555555);
        x53 = ((x53 & 0x55555555) << 1) | ((x53 >>> 1) & 0x55555555);
        x70 = ((x70 & 0x55555555) << 1) | ((x70 >>> 1) & 0x55555555);
        x71 = ((x71 & 0x55555555) << 1) | ((x71 >>> 1) & 0x55555555);
        x72 = ((x72 & 0x55555555) << 1) | ((x72 >>> 1) & 0x55555555);
        x73 = ((x73 & 0x55555555) << 1) | ((x73 >>> 1) & 0x55555555);
        break;
      case 1:
        x10 = ((x10 & 0x33333333) << 2) | ((x10 >>> 2) & 0x33333333);
        x11 = ((x11 & 0x33333333) << 2) | ((x11 >>> 2) & 0x33333333);
        x12 = ((x12 & 0x33333333) << 2) | ((x12 >>> 2) & 0x33333333);
        x13 = ((x13 & 0x33333333) << 2) | ((x13 >>> 2) & 0x33333333);
        x30 = ((x30 & 0x33333333) << 2) | ((x30 >>> 2) & 0x33333333);
        x31 = ((x31 & 0x33333333) << 2) | ((x31 >>> 2) & 0x33333333);
        x32 = ((x32 & 0x33333333) << 2) | ((x32 >>> 2) & 0x33333333);
        x33 = ((x33 & 0x33333333) << 2) | ((x33 >>> 2) & 0x33333333);
        x50 = ((x50 & 0x33333333) << 2) | ((x50 >>> 2) & 0x33333333);
        x51 = ((x51 & 0x33333333) << 2) | ((x51 >>> 2) & 0x33333333);
        x52 = ((x52 & 0x33333333) << 2) | ((x52 >>> 2) & 0x33333333);
        x53 = ((x53 & 0x33333333) << 2) | ((x53 >>> 2) & 0x33333333);
        x70 = ((x70 & 0x33333333) << 2) | ((x70 >>> 2) & 0x33333333);
        x71 = ((x71 & 0x33333333) << 2) | ((x71 >>> 2) & 0x33333333);
        x72 = ((x72 & 0x33333333) << 2) | ((x72 >>> 2) & 0x33333333);
        x73 = ((x73 & 0x33333333) << 2) | ((x73 >>> 2) & 0x33333333);
        break;
      case 2:
        x10 = ((x10 & 0x0f0f0f0f) << 4) | ((x10 >>> 4) & 0x0f0f0f0f);
        x11 = ((x11 & 0x0f0f0f0f) << 4) | ((x11 >>> 4) & 0x0f0f0f0f);
        x12 = ((x12 & 0x0f0f0f0f) << 4) | ((x12 >>> 4) & 0x0f0f0f0f);
        x13 = ((x13 & 0x0f0f0f0f) << 4) | ((x13 >>> 4) & 0x0f0f0f0f);
        x30 = ((x30 & 0x0f0f0f0f) << 4) | ((x30 >>> 4) & 0x0f0f0f0f);
        x31 = ((x31 & 0x0f0f0f0f) << 4) | ((x31 >>> 4) & 0x0f0f0f0f);
        x32 = ((x32 & 0x0f0f0f0f) << 4) | ((x32 >>> 4) & 0x0f0f0f0f);
        x33 = ((x33 & 0x0f0f0f0f) << 4) | ((x33 >>> 4) & 0x0f0f0f0f);
        x50 = ((x50 & 0x0f0f0f0f) << 4) | ((x50 >>> 4) & 0x0f0f0f0f);
        x51 = ((x51 & 0x0f0f0f0f) << 4) | ((x51 >>> 4) & 0x0f0f0f0f);
        x52 = ((x52 & 0x0f0f0f0f) << 4) | ((x52 >>> 4) & 0x0f0f0f0f);
        x53 = ((x53 & 0x0f0f0f0f) << 4) | ((x53 >>> 4) & 0x0f0f0f0f);
        x70 = ((x70 & 0x0f0f0f0f) << 4) | ((x70 >>> 4) & 0x0f0f0f0f);
        x71 = ((x71 & 0x0f0f0f0f) << 4) | ((x71 >>> 4) & 0x0f0f0f0f);
        x72 = ((x72 & 0x0f0f0f0f) << 4) | ((x72 >>> 4) & 0x0f0f0f0f);
        x73 = ((x73 & 0x0f0f0f0f) << 4) | ((x73 >>> 4) & 0x0f0f0f0f);
        break;
      case 3:
        x10 = ((x10 & 0x00ff00ff) << 8) | ((x10 >>> 8) & 0x00ff00ff);
        x11 = ((x11 & 0x00ff00ff) << 8) | ((x11 >>> 8) & 0x00ff00ff);
        x12 = ((x12 & 0x00ff00ff) << 8) | ((x12 >>> 8) & 0x00ff00ff);
        x13 = ((x13 & 0x00ff00ff) << 8) | ((x13 >>> 8) & 0x00ff00ff);
        x30 = ((x30 & 0x00ff00ff) << 8) | ((x30 >>> 8) & 0x00ff00ff);
        x31 = ((x31 & 0x00ff00ff) << 8) | ((x31 >>> 8) & 0x00ff00ff);
        x32 = ((x32 & 0x00ff00ff) << 8) | ((x32 >>> 8) & 0x00ff00ff);
        x33 = ((x33 & 0x00ff00ff) << 8) | ((x33 >>> 8) & 0x00ff00ff);
        x50 = ((x50 & 0x00ff00ff) << 8) | ((x50 >>> 8) & 0x00ff00ff);
        x51 = ((x51 & 0x00ff00ff) << 8) | ((x51 >>> 8) & 0x00ff00ff);
        x52 = ((x52 & 0x00ff00ff) << 8) | ((x52 >>> 8) & 0x00ff00ff);
        x53 = ((x53 & 0x00ff00ff) << 8) | ((x53 >>> 8) & 0x00ff00ff);
        x70 = ((x70 & 0x00ff00ff) << 8) | ((x70 >>> 8) & 0x00ff00ff);
        x71 = ((x71 & 0x00ff00ff) << 8) | ((x71 >>> 8) & 0x00ff00ff);
        x72 = ((x72 & 0x00ff00ff) << 8) | ((x72 >>> 8) & 0x00ff00ff);
        x73 = ((x73 & 0x00ff00ff) << 8) | ((x73 >>> 8) & 0x00ff00ff);
        break;
      case 4:
        x10 = (x10 << 16) | (x10 >>> 16);
        x11 = (x11 << 16) | (x11 >>> 16);
        x12 = (x12 << 16) | (x12 >>> 16);
        x13 = (x13 << 16) | (x13 >>> 16);
        x30 = (x30 << 16) | (x30 >>> 16);
        x31 = (x31 << 16) | (x31 >>> 16);
        x32 = (x32 << 16) | (x32 >>> 16);
        x33 = (x33 << 16) | (x33 >>> 16);
        x50 = (x50 << 16) | (x50 >>> 16);
        x51 = (x51 << 16) | (x51 >>> 16);
        x52 = (x52 << 16) | (x52 >>> 16);
        x53 = (x53 << 16) | (x53 >>> 16);
        x70 = (x70 << 16) | (x70 >>> 16);
        x71 = (x71 << 16) | (x71 >>> 16);
        x72 = (x72 << 16) | (x72 >>> 16);
        x73 = (x73 << 16) | (x73 >>> 16);
        break;
      case 5:
        t = x10; x10 = x11; x11 = t;
        t = x12; x12 = x13; x13 = t;
        t = x30; x30 = x31; x31 = t;
        t = x32; x32 = x33; x33 = t;
        t = x50; x50 = x51; x51 = t;
        t = x52; x52 = x53; x53 = t;
        t = x70; x70 = x71; x71 = t;
        t = x72; x72 = x73; x73 = t;
        break;
      default:
        t = x10; x10 = x12; x12 = t;
        t = x11; x11 = x13; x13 = t;
        t = x30; x30 = x32; x32 = t;
        t = x31; x31 = x33; x33 = t;
        t = x50; x50 = x52; x52 = t;
        t = x51; x51 = x53; x53 = t;
        t = x70; x70 = x72; x72 = t;
        t = x71; x71 = x73; x73 = t;
    }
  }
  s[0] = x00; s[1] = x01; s[2] = x02; s[3] = x03;
  s[4] = x10; s[5] = x11; s[6] = x12; s[7] = x13;
  s[8] = x20; s[9] = x21; s[10] = x22; s[11] = x23;
  s[12] = x30; s[13] = x31; s[14] = x32; s[15] = x33;
  s[16] = x40; s[17] = x41; s[18] = x42; s[19] = x43;
  s[20] = x50; s[21] = x51; s[22] = x52; s[23] = x53;
  s[24] = x60; s[25] = x61; s[26] = x62; s[27] = x63;
  s[28] = x70; s[29] = x71; s[30] = x72; s[31] = x73;
}

/** Compression F8: the block enters the first half of the state before E8, the second after. */
function f8(s: Int32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const p = offset + 4 * i;
    msg[i] = block[p] | (block[p + 1] << 8) | (block[p + 2] << 16) | (block[p + 3] << 24);
    s[i] ^= msg[i];
  }
  e8(s);
  for (let i = 0; i < 16; i++) s[16 + i] ^= msg[i];
}

/** JH-512 of `data` (any length): 64 bytes. */
export function jh512(data: Uint8Array): Buffer {
  const s = state;
  s.set(H0);
  let offset = 0;
  for (; data.length - offset >= 64; offset += 64) f8(s, data, offset);
  // Padding: a 1 bit, zeros and the 128-bit big-endian bit length, always at least 512
  // bits: one extra block when the message ends on a block boundary, otherwise the tail
  // block and then a separate length block.
  const tail = data.length - offset;
  padBlock.fill(0);
  if (tail !== 0) {
    for (let i = 0; i < tail; i++) padBlock[i] = data[offset + i];
    padBlock[tail] = 0x80;
    f8(s, padBlock, 0);
    padBlock.fill(0);
  } else {
    padBlock[0] = 0x80;
  }
  const bits = data.length * 8; // exact below 2^53
  const hi = Math.floor(bits / 0x100000000);
  padBlock[56] = hi >>> 24;
  padBlock[57] = hi >>> 16;
  padBlock[58] = hi >>> 8;
  padBlock[59] = hi;
  padBlock[60] = bits >>> 24;
  padBlock[61] = bits >>> 16;
  padBlock[62] = bits >>> 8;
  padBlock[63] = bits;
  f8(s, padBlock, 0);
  return wordsToDigest(s, 16);
}
