// Generated plain-text resumes for the near-duplicate tests and benchmark (links.duplicate-resume). Each
// resume is built like a real one: contact line, summary, skills list, three or four jobs with bullets,
// education. Bullets are assembled from verb × object × technology × outcome banks, so two independent
// resumes of one stack share the vocabulary, headings and a few stock phrases, as real ones do. A "persona
// copy" is what a farm does with a template: another name, contact, employers and dates, a few bullets
// rewritten, words swapped here and there, the skills list reshuffled.
import { seededRandom } from '../random.ts';

type Random = () => number;

const FIRST = [
  'Daniel',
  'Priya',
  'Kevin',
  'Maria',
  'Liam',
  'Chen',
  'Olivia',
  'Mateo',
  'Aisha',
  'Lucas',
  'Emma',
  'Hiroshi',
  'Sofia',
  'Noah',
  'Fatima',
  'Ethan',
  'Yuki',
  'Grace',
  'Arjun',
  'Chloe',
  'Omar',
  'Hannah',
  'Ivan',
  'Zoe',
];
const LAST = [
  'Moreau',
  'Raman',
  'Walker',
  'Garcia',
  'Novak',
  'Li',
  'Brown',
  'Silva',
  'Okafor',
  'Martin',
  'Kowalski',
  'Tanaka',
  'Rossi',
  'Nguyen',
  'Haddad',
  'Clarke',
  'Sato',
  'Fischer',
  'Patel',
  'Dubois',
  'Khan',
  'Berg',
];
const EMPLOYERS = [
  'Shopwise Inc.',
  'Globex Corporation',
  'Initech LLC',
  'Northwind Systems',
  'Bluepeak Software',
  'Cobalt Labs',
  'Harbor Analytics',
  'Quanta Retail',
  'Brightline Health',
  'Ferrous Logistics',
  'Maple Fintech',
  'Nimbus Media',
  'Orchid Insurance',
  'Pinecone Travel',
  'Redwood Payments',
  'Silverleaf Energy',
  'Tidewater Games',
  'Umbra Security',
  'Vantage Telecom',
  'Willow Education',
  'Xeno Robotics',
  'Yellowtail Foods',
  'Zenith Cloud',
  'Arcadia Mobility',
  'Beacon Legal',
  'Cedar Grove Bank',
  'Delta Freight',
  'Evergreen Pharma',
];
const CITIES = [
  'Toronto, ON',
  'Austin, TX',
  'Denver, CO',
  'Seattle, WA',
  'Ottawa, ON',
  'Chicago, IL',
  'Remote',
];
const TITLES = [
  'Senior Software Engineer',
  'Full-Stack Developer',
  'Backend Engineer',
  'Software Developer',
  'Lead Engineer',
  'Frontend Engineer',
  'Platform Engineer',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Technology stacks: a resume's skills list is most of one stack, in the usual order. */
export const STACKS: readonly (readonly string[])[] = [
  [
    'JavaScript',
    'TypeScript',
    'React',
    'Redux',
    'Next.js',
    'Node.js',
    'Express',
    'GraphQL',
    'REST APIs',
    'PostgreSQL',
    'MongoDB',
    'Redis',
    'Docker',
    'Kubernetes',
    'AWS',
    'Terraform',
    'Jest',
    'Cypress',
    'CI/CD',
    'Git',
    'Agile',
    'Scrum',
    'Microservices',
    'HTML',
    'CSS',
    'Tailwind CSS',
    'Webpack',
    'Vite',
  ],
  [
    'Python',
    'Django',
    'Flask',
    'FastAPI',
    'Celery',
    'PostgreSQL',
    'MySQL',
    'Redis',
    'RabbitMQ',
    'Docker',
    'Kubernetes',
    'AWS',
    'GCP',
    'Terraform',
    'Pandas',
    'NumPy',
    'pytest',
    'REST APIs',
    'GraphQL',
    'Linux',
    'Git',
    'CI/CD',
    'Agile',
    'Microservices',
    'Airflow',
    'Kafka',
  ],
  [
    'Java',
    'Spring Boot',
    'Hibernate',
    'Kotlin',
    'Maven',
    'Gradle',
    'PostgreSQL',
    'Oracle',
    'Kafka',
    'Redis',
    'Docker',
    'Kubernetes',
    'AWS',
    'Azure',
    'Jenkins',
    'JUnit',
    'Mockito',
    'REST APIs',
    'Microservices',
    'Git',
    'Agile',
    'Scrum',
    'Linux',
    'Elasticsearch',
  ],
  [
    'Go',
    'gRPC',
    'Protocol Buffers',
    'PostgreSQL',
    'CockroachDB',
    'Redis',
    'Kafka',
    'NATS',
    'Docker',
    'Kubernetes',
    'Helm',
    'Terraform',
    'AWS',
    'GCP',
    'Prometheus',
    'Grafana',
    'Linux',
    'Git',
    'CI/CD',
    'Microservices',
    'REST APIs',
    'Agile',
  ],
  [
    'PHP',
    'Laravel',
    'Symfony',
    'MySQL',
    'Vue.js',
    'Nuxt',
    'JavaScript',
    'TypeScript',
    'Redis',
    'Docker',
    'AWS',
    'Nginx',
    'PHPUnit',
    'REST APIs',
    'Git',
    'Agile',
    'Linux',
    'HTML',
    'CSS',
    'WordPress',
  ],
];

const VERBS = [
  'Built',
  'Designed',
  'Led the development of',
  'Migrated',
  'Implemented',
  'Optimised',
  'Automated',
  'Refactored',
  'Maintained',
  'Introduced',
  'Owned',
  'Developed',
  'Rewrote',
  'Scaled',
  'Shipped',
  'Architected',
  'Modernised',
  'Delivered',
];
const OBJECTS = [
  'a multi-tenant billing service',
  'the customer onboarding flow',
  'an internal analytics dashboard',
  'the order management system',
  'a real-time notification pipeline',
  'the public REST API',
  'a feature-flag platform',
  'the search and recommendations backend',
  'a document processing service',
  'the mobile checkout experience',
  'an inventory synchronisation job',
  'the authentication and SSO layer',
  'a reporting data warehouse',
  'the partner integration gateway',
  'an event-driven payments ledger',
  'the content management backend',
  'a shipment tracking portal',
  'the claims intake workflow',
  'a subscription management module',
  'the fraud scoring service',
  'an A/B testing framework',
  'the appointment scheduling system',
  'a video transcoding queue',
  'the loyalty rewards engine',
  'an audit logging service',
  'the pricing rules engine',
  'a self-service admin console',
  'the data export tooling',
  'an email campaign builder',
  'the driver dispatch service',
  'a chat support widget',
  'the patient records interface',
  'a geolocation lookup service',
  'the invoice reconciliation batch',
  'an image upload pipeline',
  'the role-based access control model',
  'a caching layer for product pages',
  'the release pipeline',
  'a metrics and alerting stack',
  'the legacy monolith',
  'a GraphQL gateway',
  'the offline-first field app',
  'a tenant provisioning API',
  'the customer support ticketing integration',
  'a rate limiting proxy',
  'the booking engine',
  'a knowledge base search',
  'the warehouse picking app',
  'a regulatory reporting job',
  'the onboarding email sequences',
  'a machine learning feature store',
  'the partner payout service',
];
const OUTCOMES = [
  'cutting page load time by {n}%',
  'reducing infrastructure costs by {n}%',
  'serving {n}k requests per minute',
  'raising test coverage from {n}% to {m}%',
  'reducing incident volume by {n}%',
  'supporting {n} enterprise customers',
  'shortening release cycles from weeks to days',
  'improving conversion by {n}%',
  'removing {n} hours of manual work per week',
  'with zero downtime',
  'processing {n} million events a day',
  'lowering p95 latency to {n} ms',
  'used by {n} internal teams',
  'ahead of the quarterly roadmap',
  'in close collaboration with product and design',
  'while mentoring {n} junior engineers',
  'meeting SOC 2 and GDPR requirements',
  'handling peak holiday traffic without incidents',
  'reducing onboarding time for new clients by {n}%',
  'cutting build times from {n} minutes to {m}',
  'eliminating a class of data consistency bugs',
  'enabling same-day deployments',
  'increasing customer retention by {n}%',
  'with full observability',
  'for {n} countries and {m} currencies',
  'replacing three legacy scripts',
  'doubling team throughput',
];
const SUMMARIES = [
  '{title} with {n} years of experience building web applications with {t1} and {t2}. Comfortable across the stack, from database design to polished user interfaces, and focused on shipping reliable software.',
  'Software engineer with {n}+ years delivering scalable backend systems in {t1}. Passionate about clean code, automated testing and developer experience.',
  'Results-driven {title} experienced in {t1}, {t2} and cloud infrastructure. Known for turning vague requirements into maintainable products and for mentoring teammates.',
  '{title} who enjoys hard problems in distributed systems. {n} years with {t1}, {t2} and event-driven architectures in fast-growing companies.',
  'Pragmatic engineer with a background in {t1} and {t2}, {n} years in product teams, strong communication skills and ownership from design to production.',
];
const DEGREES = [
  'Bachelor of Science in Computer Science',
  'Bachelor of Engineering, Software Engineering',
  'Master of Science in Computer Science',
  'Bachelor of Mathematics, Computer Science',
];
const SCHOOLS = [
  'University of Waterloo',
  'University of Texas at Austin',
  'McGill University',
  'Purdue University',
  'University of British Columbia',
  'Georgia Institute of Technology',
  'University of Toronto',
];
const SYNONYMS: Record<string, string> = {
  Built: 'Created',
  Designed: 'Planned',
  Implemented: 'Delivered',
  Optimised: 'Improved',
  Automated: 'Streamlined',
  Maintained: 'Supported',
  Developed: 'Engineered',
  Shipped: 'Launched',
  reducing: 'lowering',
  cutting: 'trimming',
  improving: 'boosting',
  customer: 'client',
  service: 'platform',
  system: 'platform',
  internal: 'in-house',
  supporting: 'serving',
  team: 'squad',
  legacy: 'older',
  public: 'external',
  real: 'live',
};

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Random, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** The structured content of a resume, rendered to text by renderResume. */
export type ResumeDraft = {
  name: string;
  email: string;
  phone: string;
  city: string;
  title: string;
  summary: string;
  skills: string[];
  jobs: { title: string; employer: string; city: string; start: string; end: string; bullets: string[] }[];
  education: { degree: string; school: string; end: string };
};

function bullet(r: Random, stack: readonly string[]): string {
  const [t1, t2] = [pick(r, stack), pick(r, stack)];
  const outcome = pick(r, OUTCOMES)
    .replace('{n}', String(int(r, 2, 90)))
    .replace('{m}', String(int(r, 10, 99)));
  return `${pick(r, VERBS)} ${pick(r, OBJECTS)} using ${t1} and ${t2}, ${outcome}.`;
}

function personName(r: Random): string {
  return `${pick(r, FIRST)} ${pick(r, LAST)}`;
}

function contact(r: Random, name: string): { email: string; phone: string } {
  const [first, last] = name.toLowerCase().split(' ');
  return {
    email: `${first}.${last}${int(r, 1, 99)}@${pick(r, ['gmail.com', 'outlook.com', 'proton.me', 'yahoo.com'])}`,
    phone: `+1 (${int(r, 200, 989)}) 555-${String(int(r, 0, 9999)).padStart(4, '0')}`,
  };
}

function jobDates(r: Random, count: number): { start: string; end: string }[] {
  let year = 2025;
  const out: { start: string; end: string }[] = [];
  for (let i = 0; i < count; i++) {
    const end = i === 0 ? 'Present' : `${pick(r, MONTHS)} ${year}`;
    year -= int(r, 1, 4);
    out.push({ start: `${pick(r, MONTHS)} ${year}`, end });
    year -= int(r, 0, 1);
  }
  return out;
}

/** A fresh resume: a random person on one of the stacks (or `stack`). */
export function draftResume(r: Random, stack: readonly string[] = pick(r, STACKS)): ResumeDraft {
  const name = personName(r);
  const title = pick(r, TITLES);
  const jobs = int(r, 3, 4);
  const dates = jobDates(r, jobs);
  const employers = new Set<string>();
  while (employers.size < jobs) employers.add(pick(r, EMPLOYERS));
  const skills = stack.filter(() => r() < 0.8);
  return {
    name,
    ...contact(r, name),
    city: pick(r, CITIES),
    title,
    summary: pick(r, SUMMARIES)
      .replace('{title}', title)
      .replace('{n}', String(int(r, 4, 15)))
      .replace('{t1}', pick(r, stack))
      .replace('{t2}', pick(r, stack)),
    skills,
    jobs: [...employers].map((employer, i) => ({
      title: i === 0 ? title : pick(r, TITLES),
      employer,
      city: pick(r, CITIES),
      ...dates[i]!,
      bullets: Array.from({ length: int(r, 4, 6) }, () => bullet(r, stack)),
    })),
    education: {
      degree: pick(r, DEGREES),
      school: pick(r, SCHOOLS),
      end: `${pick(r, MONTHS)} ${int(r, 2005, 2016)}`,
    },
  };
}

export function renderResume(d: ResumeDraft): string {
  const lines = [
    d.name,
    `${d.email} | ${d.phone} | ${d.city}`,
    '',
    'SUMMARY',
    d.summary,
    '',
    'TECHNICAL SKILLS',
    d.skills.join(', '),
    '',
    'PROFESSIONAL EXPERIENCE',
  ];
  for (const j of d.jobs) {
    lines.push('', `${j.title} | ${j.employer} | ${j.city} | ${j.start} – ${j.end}`);
    for (const b of j.bullets) lines.push(`- ${b}`);
  }
  lines.push('', 'EDUCATION', `${d.education.degree}, ${d.education.school}, ${d.education.end}`);
  return lines.join('\n');
}

function swapWords(r: Random, text: string, swaps: number): string {
  const words = text.split(' ');
  const candidates = words.flatMap((w, i) => (SYNONYMS[w] ? [i] : []));
  for (let k = 0; k < swaps && candidates.length > 0; k++) {
    const i = candidates.splice(Math.floor(r() * candidates.length), 1)[0]!;
    words[i] = SYNONYMS[words[i]!]!;
  }
  return words.join(' ');
}

/**
 * What a persona farm does with a template: a new name, email and phone, other employers and dates, the
 * summary's numbers changed, `rewrites` bullets replaced by new ones, `swaps` words swapped for synonyms
 * across the bullets, the skills list partly reshuffled with one or two additions.
 */
export function personaCopy(
  r: Random,
  template: ResumeDraft,
  { rewrites = 3, swaps = 8 }: { rewrites?: number; swaps?: number } = {},
): ResumeDraft {
  const stack = STACKS.find((s) => template.skills.every((x) => s.includes(x))) ?? STACKS[0]!;
  const name = personName(r);
  const dates = jobDates(r, template.jobs.length);
  const used = new Set(template.jobs.map((j) => j.employer));
  const jobs = template.jobs.map((j, i) => {
    let employer = pick(r, EMPLOYERS);
    while (used.has(employer)) employer = pick(r, EMPLOYERS);
    used.add(employer);
    return { ...j, employer, city: pick(r, CITIES), ...dates[i]!, bullets: [...j.bullets] };
  });
  const all = jobs.flatMap((j, i) => j.bullets.map((_, k) => [i, k] as const));
  for (let n = 0; n < rewrites && all.length > 0; n++) {
    const [i, k] = all.splice(Math.floor(r() * all.length), 1)[0]!;
    jobs[i]!.bullets[k] = bullet(r, stack);
  }
  for (let n = 0; n < swaps; n++) {
    const j = jobs[Math.floor(r() * jobs.length)]!;
    const k = Math.floor(r() * j.bullets.length);
    j.bullets[k] = swapWords(r, j.bullets[k]!, 1);
  }
  const skills = [...template.skills];
  for (let n = 0; n < 3; n++) {
    const a = Math.floor(r() * skills.length);
    const b = Math.floor(r() * skills.length);
    [skills[a], skills[b]] = [skills[b]!, skills[a]!];
  }
  skills.push(pick(r, stack));
  return {
    ...template,
    name,
    ...contact(r, name),
    city: pick(r, CITIES),
    summary: template.summary.replace(/\d+/, String(int(r, 4, 15))),
    skills: [...new Set(skills)],
    jobs,
    education: { ...template.education, end: `${pick(r, MONTHS)} ${int(r, 2005, 2016)}` },
  };
}

export { seededRandom };
