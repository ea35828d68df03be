{
  # Install build (node-gyp-build / prebuildify). Sources come from
  # scripts/native-sources.js, the same list CMakeLists.txt uses; each instruction
  # set is its own static library so only its files get its -m flags.
  "target_defaults": {
    "cflags!": ["-fno-exceptions"],
    "cflags_cc!": ["-fno-exceptions", "-std=gnu++17"],
    "cflags_cc": ["-std=c++17", "-O3", "-fexceptions", "-fvisibility=hidden"],
    "defines": [
      "NAPI_VERSION=8",
      "ENABLE_SHANI", "ENABLE_AESNI", "ENABLE_AVX2", "ENABLE_VAES", "ENABLE_AVX512"
    ],
    "include_dirs": ["native/core"],
    "xcode_settings": {"GCC_ENABLE_CPP_EXCEPTIONS": "YES", "OTHER_CPLUSPLUSFLAGS": ["-std=c++17", "-O3"]}
  },
  "targets": [
    {
      "target_name": "hashpool_shani",
      "type": "static_library",
      "sources": ["<!@(node scripts/native-sources.js shani)"],
      "cflags_cc": ["-msse4.1", "-mssse3", "-msha"]
    },
    {
      "target_name": "hashpool_aesni",
      "type": "static_library",
      "sources": ["<!@(node scripts/native-sources.js aesni)"],
      "cflags_cc": ["-msse4.1", "-mssse3", "-maes"]
    },
    {
      "target_name": "hashpool_avx2",
      "type": "static_library",
      "sources": ["<!@(node scripts/native-sources.js avx2)"],
      "cflags_cc": ["-mavx2", "-mbmi2"]
    },
    {
      "target_name": "hashpool_vaes",
      "type": "static_library",
      "sources": ["<!@(node scripts/native-sources.js vaes)"],
      "cflags_cc": ["-mavx2", "-maes", "-mvaes"]
    },
    {
      "target_name": "hashpool_avx512",
      "type": "static_library",
      "sources": ["<!@(node scripts/native-sources.js avx512)"],
      "cflags_cc": ["-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx512dq"]
    },
    {
      "target_name": "hashpool",
      "sources": [
        "<!@(node scripts/native-sources.js core)",
        "<!@(node scripts/native-sources.js binding)"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "dependencies": [
        "hashpool_shani", "hashpool_aesni", "hashpool_avx2", "hashpool_vaes", "hashpool_avx512"
      ]
    }
  ]
}
