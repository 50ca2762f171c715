// Generates vectors.json with the public reference implementation, the npm
// package tls-sig-api-v2 1.0.2, at a fixed key, time and users. Run:
//   cd "$(mktemp -d)" && npm install tls-sig-api-v2@1.0.2 && \
//     NODE_PATH=$PWD/node_modules node /path/to/internal/usersig/testdata/gen_vectors.js > vectors.json
const TLSSigAPIv2 = require('tls-sig-api-v2');

const time = 1700000000; // fixed "now", in seconds
Date.now = () => time * 1000;

const cases = [
  { sdkAppId: 1400000001, key: '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e', userId: 'alice', expire: 86400 },
  { sdkAppId: 1400000001, key: '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e', userId: 'user_1', expire: 300 },
  { sdkAppId: 1400012345, key: 'kIb0mBn9Lk2uJ8vR3xQ7wE5tY1pA4sD6fG0hJ2kL4zX6cV8bN0mQ2wE4rT6yU8iO', userId: 'bob-2', expire: 604800 },
  { sdkAppId: 1600000000, key: '0000000000000000000000000000000000000000000000000000000000000000', userId: 'x', expire: 1 },
];

const vectors = cases.map((c) => ({
  ...c,
  time,
  userSig: new TLSSigAPIv2.Api(c.sdkAppId, c.key).genUserSig(c.userId, c.expire),
}));
process.stdout.write(JSON.stringify({ generator: 'tls-sig-api-v2@1.0.2', vectors }, null, 2) + '\n');
