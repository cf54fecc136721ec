import type { Domain } from '../demand';

/**
 * The yearly rhythm of demands in a county of south-west China, as staff describe it, by
 * domain: a factor per calendar month (index 0 = January) applied to the domain's usual rate.
 * Only the demo history uses it; real forecasts learn the rhythm from the data.
 */
type MonthFactors = readonly [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

const FLAT: MonthFactors = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

export const DOMAIN_SEASONS: Partial<Record<Domain, MonthFactors>> = {
  // Summer noise: building sites working at night, square dancing, air conditioners (Jun–Aug).
  environment: [0.8, 0.8, 0.9, 1, 1.1, 1.6, 1.9, 1.7, 1.1, 1, 0.9, 0.8],
  urban_management: [0.9, 0.8, 1, 1, 1.1, 1.5, 1.8, 1.6, 1.1, 1, 0.9, 0.9],
  // Flood season (Jun–Sep): waterlogged streets, drains and embankments; heating and gas
  // complaints in the cold months (Nov–Feb).
  utilities: [1.4, 1.3, 0.9, 0.9, 1, 1.6, 2.1, 1.9, 1.5, 0.9, 1.2, 1.4],
  // Flood season: landslides and geological hazards, flooded homesteads.
  land: [0.8, 0.8, 0.9, 1, 1.1, 1.5, 2, 1.8, 1.4, 1, 0.8, 0.8],
  // School enrolment (Jul–Sep): places, catchment areas, kindergartens.
  education: [0.7, 0.6, 0.9, 0.9, 1, 1.2, 2.2, 2.6, 1.9, 0.8, 0.7, 0.7],
  // Wage arrears before the Spring Festival (Dec–Jan): migrant workers want their pay.
  social_security: [2, 1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1, 1.3, 1.9],
  // Heating in old residential compounds and property fees at the turn of the year.
  housing: [1.3, 1.2, 1, 1, 1, 1, 1, 1, 1, 1, 1.2, 1.3],
  // Spring sowing and subsidies (Mar–May), harvest (Sep–Oct).
  agriculture: [0.7, 0.8, 1.4, 1.5, 1.3, 1, 0.9, 0.9, 1.2, 1.2, 0.8, 0.7],
};

/** Everyone is home or travelling for the Spring Festival: fewer demands of every kind in February. */
export const SPRING_FESTIVAL_FACTOR = 0.65;

export function seasonalFactor(domain: Domain, monthOfYear: number): number {
  const factors = DOMAIN_SEASONS[domain] ?? FLAT;
  const festival = monthOfYear === 2 ? SPRING_FESTIVAL_FACTOR : 1;
  return (factors[monthOfYear - 1] as number) * festival;
}

/**
 * Usual monthly demands of one township by domain: a street (街道, urban) hears more about
 * housing, noise and city management, a township (乡镇, rural) about land and farming.
 */
export const BASE_RATES: Record<'street' | 'township', Record<Domain, number>> = {
  street: {
    housing: 14,
    traffic: 8,
    environment: 6,
    sanitation: 8,
    urban_management: 14,
    utilities: 8,
    social_security: 8,
    health: 5,
    education: 6,
    market: 6,
    public_security: 4,
    land: 2,
    neighbourhood: 6,
    agriculture: 0.5,
    conduct: 1,
    other: 3,
  },
  township: {
    housing: 5,
    traffic: 6,
    environment: 5,
    sanitation: 6,
    urban_management: 4,
    utilities: 7,
    social_security: 8,
    health: 4,
    education: 5,
    market: 3,
    public_security: 3,
    land: 8,
    neighbourhood: 6,
    agriculture: 9,
    conduct: 1.5,
    other: 3,
  },
};
