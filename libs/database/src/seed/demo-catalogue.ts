import { PlaceKind, Role, ServiceKind, ServiceWindow, StaffKind } from '@app/domain';

/**
 * The demo catalogue. Coordinates are approximate public locations (WGS84), good enough for
 * planning demos; they are not surveyed. Codes are the natural keys that make seeding idempotent.
 */
const weekdays = (opens: string, closes: string): ServiceWindow[] =>
  ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, opens, closes }));

const closed = (date: string, ko: string, en: string) => ({ date, name: { ko, en }, hours: [] });

/**
 * Weekday public holidays on which the park shuttle does not run (a city job programme keeps
 * the public calendar). The dates are the announced ones as known when this was written; the
 * operator keeps the list right in the admin screen each year.
 */
const PARK_HOLIDAYS = [
  closed('2026-12-25', '성탄절', 'Christmas Day'),
  closed('2027-01-01', '신정', "New Year's Day"),
  closed('2027-02-05', '설날 연휴', 'Seollal holiday'),
  closed('2027-02-08', '설날 대체공휴일', 'Seollal substitute holiday'),
  closed('2027-03-01', '삼일절', 'Independence Movement Day'),
  closed('2027-05-05', '어린이날', "Children's Day"),
  closed('2027-05-13', '부처님오신날', "Buddha's Birthday"),
  closed('2027-08-16', '광복절 대체공휴일', 'Liberation Day (substitute)'),
  closed('2027-09-14', '추석 연휴', 'Chuseok holiday'),
  closed('2027-09-15', '추석', 'Chuseok'),
  closed('2027-09-16', '추석 연휴', 'Chuseok holiday'),
  closed('2027-10-04', '개천절 대체공휴일', 'National Foundation Day (substitute)'),
  closed('2027-10-11', '한글날 대체공휴일', 'Hangul Day (substitute)'),
  closed('2027-12-27', '성탄절 대체공휴일', 'Christmas (substitute)'),
];

export const DEMO_AREAS = [
  {
    code: 'geomdan',
    nameKo: '검단일반산업단지 무빙콜',
    nameEn: 'Geomdan Industrial Park Moving Call',
    kind: ServiceKind.Shuttle,
    // [lng, lat] ring around the park, Oryu-dong and Wanggil-dong, Seo-gu, Incheon.
    boundary: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [126.615, 37.583],
          [126.668, 37.583],
          [126.668, 37.613],
          [126.615, 37.613],
          [126.615, 37.583],
        ],
      ],
    },
    serviceHours: weekdays('10:00', '17:00'),
    settings: {
      maxWaitMin: 15,
      rideTimeAlpha: 1.5,
      rideTimeBetaMin: 10,
      dwellS: 60,
      bookingHorizonDays: 7,
      noShowAfterMin: 3,
      holidays: PARK_HOLIDAYS,
    },
  },
  {
    code: 'freelug',
    nameKo: '프리러그 수도권 수하물 배송',
    nameEn: 'Free-Lug Seoul Metropolitan Luggage Delivery',
    kind: ServiceKind.Luggage,
    // Seoul, Incheon (incl. Yeongjong island and the airport) and nearby Gyeonggi.
    boundary: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [126.35, 37.2],
          [127.25, 37.2],
          [127.25, 37.75],
          [126.35, 37.75],
          [126.35, 37.2],
        ],
      ],
    },
    serviceHours: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, opens: '07:00', closes: '21:00' })),
    settings: { sameDayCutoff: '10:00', airportBufferMin: 150, eveningWindow: ['18:00', '21:00'], maxBags: 8 },
  },
];

export interface DemoPlace {
  code: string;
  area: string;
  nameKo: string;
  nameEn: string;
  kind: PlaceKind;
  lat: number;
  lng: number;
  isStop: boolean;
}

const stop = (code: string, nameKo: string, nameEn: string, kind: PlaceKind, lat: number, lng: number): DemoPlace => ({
  code,
  area: 'geomdan',
  nameKo,
  nameEn,
  kind,
  lat,
  lng,
  isStop: true,
});
const lug = (code: string, nameKo: string, nameEn: string, kind: PlaceKind, lat: number, lng: number): DemoPlace => ({
  code,
  area: 'freelug',
  nameKo,
  nameEn,
  kind,
  lat,
  lng,
  isStop: false,
});

export const DEMO_PLACES: DemoPlace[] = [
  stop('gd-oryu-stn', '검단오류역', 'Geomdan-Oryu Station', PlaceKind.SubwayStation, 37.5947, 126.6276),
  stop('gd-wanggil-stn', '왕길역', 'Wanggil Station', PlaceKind.SubwayStation, 37.5955, 126.6421),
  stop('gd-bus-terminus', '오류동 버스종점', 'Oryu-dong Bus Terminus', PlaceKind.BusTerminus, 37.5926, 126.6318),
  stop('gd-main-gate', '산업단지 정문', 'Industrial Park Main Gate', PlaceKind.ParkGate, 37.5982, 126.6335),
  stop('gd-east-gate', '산업단지 동문', 'Industrial Park East Gate', PlaceKind.ParkGate, 37.6003, 126.6478),
  stop('gd-north-gate', '산업단지 북문', 'Industrial Park North Gate', PlaceKind.ParkGate, 37.6068, 126.6372),
  stop('gd-office', '산업단지 관리사무소', 'Park Management Office', PlaceKind.Office, 37.6001, 126.6382),
  stop('gd-ibk', 'IBK기업은행 검단산단지점', 'IBK Bank Geomdan Park Branch', PlaceKind.Bank, 37.5994, 126.6401),
  stop('gd-nh', 'NH농협 오류동지점', 'NH Bank Oryu-dong Branch', PlaceKind.Bank, 37.5951, 126.6309),
  stop('gd-f-hanbit', '한빛정밀', 'Hanbit Precision', PlaceKind.Factory, 37.6032, 126.6312),
  stop('gd-f-daesung', '대성금속', 'Daesung Metal', PlaceKind.Factory, 37.6045, 126.6419),
  stop('gd-f-seohae', '서해식품', 'Seohae Foods', PlaceKind.Factory, 37.6017, 126.6455),
  stop('gd-f-incheon-chem', '인천화학', 'Incheon Chemical', PlaceKind.Factory, 37.6079, 126.6445),
  stop('gd-f-oryu-elec', '오류전자', 'Oryu Electronics', PlaceKind.Factory, 37.5988, 126.6254),
  stop('gd-f-logistics', '검단물류센터', 'Geomdan Logistics Center', PlaceKind.Factory, 37.6091, 126.6298),
  { ...stop('gd-depot', '무빙콜 차고지', 'Moving Call Depot', PlaceKind.Depot, 37.5969, 126.6352), isStop: false },

  lug('icn-t1', '인천국제공항 제1여객터미널', 'Incheon Airport Terminal 1', PlaceKind.Airport, 37.4492, 126.451),
  lug('icn-t2', '인천국제공항 제2여객터미널', 'Incheon Airport Terminal 2', PlaceKind.Airport, 37.4681, 126.433),
  lug('fl-depot', '프리러그 영종 거점', 'Free-Lug Yeongjong Hub', PlaceKind.Depot, 37.4925, 126.493),
  lug('h-lotte-seoul', '롯데호텔 서울', 'Lotte Hotel Seoul', PlaceKind.Hotel, 37.5651, 126.981),
  lug('h-westin-josun', '웨스틴 조선 서울', 'The Westin Josun Seoul', PlaceKind.Hotel, 37.5643, 126.9797),
  lug('h-four-seasons', '포시즌스 호텔 서울', 'Four Seasons Hotel Seoul', PlaceKind.Hotel, 37.5713, 126.9757),
  lug('h-shilla', '서울신라호텔', 'The Shilla Seoul', PlaceKind.Hotel, 37.5559, 127.0053),
  lug('h-grand-hyatt-seoul', '그랜드 하얏트 서울', 'Grand Hyatt Seoul', PlaceKind.Hotel, 37.5388, 126.9976),
  lug('h-lotte-world', '롯데호텔 월드', 'Lotte Hotel World', PlaceKind.Hotel, 37.5112, 127.0986),
  lug('h-conrad', '콘래드 서울', 'Conrad Seoul', PlaceKind.Hotel, 37.5254, 126.9264),
  lug(
    'h-jw-dongdaemun',
    'JW 메리어트 동대문',
    'JW Marriott Dongdaemun Square Seoul',
    PlaceKind.Hotel,
    37.5697,
    127.0086,
  ),
  lug('h-intercon-coex', '인터컨티넨탈 서울 코엑스', 'InterContinental Seoul COEX', PlaceKind.Hotel, 37.5128, 127.0576),
  lug(
    'h-courtyard-magok',
    '코트야드 메리어트 서울 보타닉파크',
    'Courtyard by Marriott Seoul Botanic Park',
    PlaceKind.Hotel,
    37.566,
    126.827,
  ),
  lug('h-paradise-city', '파라다이스시티', 'Paradise City', PlaceKind.Hotel, 37.4371, 126.456),
  lug('h-grand-hyatt-incheon', '그랜드 하얏트 인천', 'Grand Hyatt Incheon', PlaceKind.Hotel, 37.4389, 126.4535),
  lug('h-sheraton-songdo', '쉐라톤 그랜드 인천', 'Sheraton Grand Incheon', PlaceKind.Hotel, 37.3897, 126.6421),
  lug('h-orakai-songdo', '오라카이 송도파크', 'Orakai Songdo Park Hotel', PlaceKind.Hotel, 37.3925, 126.64),
];

export const DEMO_COMPANIES = [
  { employerCode: 'HANBIT01', nameKo: '한빛정밀', nameEn: 'Hanbit Precision', place: 'gd-f-hanbit' },
  { employerCode: 'DAESUNG02', nameKo: '대성금속', nameEn: 'Daesung Metal', place: 'gd-f-daesung' },
  { employerCode: 'SEOHAE03', nameKo: '서해식품', nameEn: 'Seohae Foods', place: 'gd-f-seohae' },
  { employerCode: 'ICHEM04', nameKo: '인천화학', nameEn: 'Incheon Chemical', place: 'gd-f-incheon-chem' },
  { employerCode: 'ORYU05', nameKo: '오류전자', nameEn: 'Oryu Electronics', place: 'gd-f-oryu-elec' },
  { employerCode: 'GDLOG06', nameKo: '검단물류센터', nameEn: 'Geomdan Logistics Center', place: 'gd-f-logistics' },
];

export const DEMO_VEHICLES = [
  {
    plate: '인천 70바 1201',
    label: '무빙콜 1호',
    area: 'geomdan',
    seats: 11,
    bagSlots: 0,
    wheelchairAccessible: false,
    home: 'gd-depot',
  },
  {
    plate: '인천 70바 1202',
    label: '무빙콜 2호',
    area: 'geomdan',
    seats: 11,
    bagSlots: 0,
    wheelchairAccessible: false,
    home: 'gd-depot',
  },
  {
    plate: '인천 70바 1203',
    label: '무빙콜 3호 (휠체어)',
    area: 'geomdan',
    seats: 7,
    bagSlots: 0,
    wheelchairAccessible: true,
    home: 'gd-depot',
  },
  {
    plate: '인천 80아 3301',
    label: '프리러그 1호',
    area: 'freelug',
    seats: 2,
    bagSlots: 24,
    wheelchairAccessible: false,
    home: 'fl-depot',
  },
  {
    plate: '인천 80아 3302',
    label: '프리러그 2호',
    area: 'freelug',
    seats: 2,
    bagSlots: 24,
    wheelchairAccessible: false,
    home: 'fl-depot',
  },
  {
    plate: '인천 80아 3303',
    label: '프리러그 3호',
    area: 'freelug',
    seats: 2,
    bagSlots: 30,
    wheelchairAccessible: false,
    home: 'fl-depot',
  },
];

export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  areas: string[];
  company?: string;
  staff?: { kind: StaffKind; phone: string; vehicle: string };
}

/** Demo logins, printed by `npm start`. Not for production: NODE_ENV=production skips the seed. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@demo.geomdan.kr',
    password: 'admin-demo-1234',
    displayName: '관리자 Admin',
    role: Role.Admin,
    areas: [],
  },
  {
    email: 'dispatcher@demo.geomdan.kr',
    password: 'dispatch-demo-1234',
    displayName: '배차 담당 김하늘',
    role: Role.Dispatcher,
    areas: ['geomdan', 'freelug'],
  },
  {
    email: 'rider@demo.geomdan.kr',
    password: 'rider-demo-1234',
    displayName: '이지훈',
    role: Role.Rider,
    areas: ['geomdan'],
    company: 'HANBIT01',
  },
  {
    email: 'traveller@demo.geomdan.kr',
    password: 'traveller-demo-1234',
    displayName: 'Emma Lee',
    role: Role.Traveller,
    areas: [],
  },
  {
    email: 'driver1@demo.geomdan.kr',
    password: 'staff-demo-1234',
    displayName: '박정호',
    role: Role.Staff,
    areas: ['geomdan'],
    staff: { kind: StaffKind.Driver, phone: '010-2001-1201', vehicle: '인천 70바 1201' },
  },
  {
    email: 'driver2@demo.geomdan.kr',
    password: 'staff-demo-1234',
    displayName: '최민수',
    role: Role.Staff,
    areas: ['geomdan'],
    staff: { kind: StaffKind.Driver, phone: '010-2001-1202', vehicle: '인천 70바 1202' },
  },
  {
    email: 'driver3@demo.geomdan.kr',
    password: 'staff-demo-1234',
    displayName: '정영숙',
    role: Role.Staff,
    areas: ['geomdan'],
    staff: { kind: StaffKind.Driver, phone: '010-2001-1203', vehicle: '인천 70바 1203' },
  },
  {
    email: 'courier1@demo.geomdan.kr',
    password: 'staff-demo-1234',
    displayName: '한옥순',
    role: Role.Staff,
    areas: ['freelug'],
    staff: { kind: StaffKind.Courier, phone: '010-3001-3301', vehicle: '인천 80아 3301' },
  },
  {
    email: 'courier2@demo.geomdan.kr',
    password: 'staff-demo-1234',
    displayName: '정만석',
    role: Role.Staff,
    areas: ['freelug'],
    staff: { kind: StaffKind.Courier, phone: '010-3001-3302', vehicle: '인천 80아 3302' },
  },
  {
    email: 'courier3@demo.geomdan.kr',
    password: 'staff-demo-1234',
    displayName: '최순자',
    role: Role.Staff,
    areas: ['freelug'],
    staff: { kind: StaffKind.Courier, phone: '010-3001-3303', vehicle: '인천 80아 3303' },
  },
];
